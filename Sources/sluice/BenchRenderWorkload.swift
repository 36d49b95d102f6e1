import Dashboard

/// Dashboard workloads.
extension BenchWorkload {
    /// Compose and diff a 200x60 frame of a 64-partition, 16-member snapshot.
    static let render = BenchWorkload(name: "render") {
        var result: RenderBenchmark.Result?
        let timing = measure { result = RenderBenchmark.run(iterations: 2_000) }
        guard let result else { return .nothing }
        return BenchResult(ops: result.ops, timing: timing, extra: [
            ("p50_ns", Double(result.p50Ns)), ("p99_ns", Double(result.p99Ns)),
            ("changed_frame_bytes", Double(result.changedFrameBytes)), ("full_frame_bytes", Double(result.fullFrameBytes)),
        ])
    }
}
