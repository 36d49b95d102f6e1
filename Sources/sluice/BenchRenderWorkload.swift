import DashboardFixtures

/// Dashboard workloads.
extension BenchWorkload {
    /// Compose and diff a 200x60 frame of a 64-partition, 16-member snapshot, then of a 5000-partition,
    /// 500-member one: a real cluster's size must not make a frame cost more than twice as much.
    static let render = BenchWorkload(name: "render") {
        var small: RenderBenchmark.Result?
        var large: RenderBenchmark.Result?
        let smallSeconds = RenderBenchmark.seconds(of: .large())
        let largeSeconds = RenderBenchmark.seconds(of: .large(partitions: 5_000, members: 500))
        let timing = measure { small = RenderBenchmark.run(smallSeconds, iterations: 2_000) }
        let largeTiming = measure { large = RenderBenchmark.run(largeSeconds, iterations: 200) }
        guard let small, let large, small.ops > 0, large.ops > 0 else { return .nothing }
        let smallCPUPerFrame = timing.cpuSeconds / Double(small.ops)
        let largeCPUPerFrame = largeTiming.cpuSeconds / Double(large.ops)
        return BenchResult(ops: small.ops, timing: timing, extra: [
            ("p50_ns", Double(small.p50Ns)), ("p99_ns", Double(small.p99Ns)),
            ("changed_frame_bytes", Double(small.changedFrameBytes)), ("full_frame_bytes", Double(small.fullFrameBytes)),
            ("p50_ns_5000_partitions", Double(large.p50Ns)), ("p99_ns_5000_partitions", Double(large.p99Ns)),
            ("cpu_ratio_5000_to_64", smallCPUPerFrame > 0 ? largeCPUPerFrame / smallCPUPerFrame : 0),
        ])
    }
}
