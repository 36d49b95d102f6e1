import SluiceModel

/// `sluice bench --workload render`: compose and diff a 200x60 frame of a snapshot with 64
/// partitions and 16 members, as the dashboard does every frame.
public enum RenderBenchmark {
    public struct Result: Sendable, Equatable {
        /// Frames composed and diffed.
        public var ops: Int
        public var seconds: Double
        public var p50Ns: Int64
        public var p99Ns: Int64
        /// Text bytes the diff writes for one frame where only the numbers moved, and for a full redraw.
        public var changedFrameBytes: Int
        public var fullFrameBytes: Int
        public var opsPerSecond: Double { seconds > 0 ? Double(ops) / seconds : 0 }
    }

    public static let width = 200
    public static let height = 60

    public static func run(iterations: Int) -> Result {
        let fixture = SnapshotFixture.large()
        // Alternate between consecutive seconds so every diff has real changes to find.
        let snapshots = (0..<4).map { fixture.snapshot(at: 60 + $0) }
        var state = DashboardState()
        state.focus = .groups
        let clock = ContinuousClock()
        var durations: [Int64] = []
        durations.reserveCapacity(max(0, iterations))
        var previous = DashboardApp.view(state, snapshots[0], width: width, height: height)
        let fullFrameBytes = FrameDiff.textBytes(FrameDiff.runs(from: nil, to: previous))
        var changedFrameBytes = 0
        let started = clock.now
        for index in 0..<max(0, iterations) {
            let begin = clock.now
            let frame = DashboardApp.view(state, snapshots[(index + 1) % snapshots.count], width: width, height: height)
            let runs = FrameDiff.runs(from: previous, to: frame)
            durations.append(nanoseconds(clock.now - begin))
            if index == 0 { changedFrameBytes = FrameDiff.textBytes(runs) }
            previous = frame
            state.selection[.groups] = index % 8
        }
        let seconds = Double(nanoseconds(clock.now - started)) / 1e9
        durations.sort()
        func percentile(_ p: Double) -> Int64 {
            durations.isEmpty ? 0 : durations[min(durations.count - 1, Int(Double(durations.count) * p))]
        }
        return Result(ops: durations.count, seconds: seconds, p50Ns: percentile(0.5), p99Ns: percentile(0.99),
                      changedFrameBytes: changedFrameBytes, fullFrameBytes: fullFrameBytes)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
