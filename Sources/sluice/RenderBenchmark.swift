import Broker
import Dashboard
import DashboardFixtures
import SluiceModel

/// `sluice bench --workload render`: compose and diff a 200x60 frame as the dashboard does every frame,
/// for a snapshot of some shape (partitions and members), over consecutive seconds.
enum RenderBenchmark {
    struct Result: Sendable, Equatable {
        /// Frames composed and diffed.
        var ops: Int
        var p50Ns: Int64
        var p99Ns: Int64
        /// Text bytes the diff writes for one frame where only the numbers moved, and for a full redraw.
        var changedFrameBytes: Int
        var fullFrameBytes: Int
    }

    static let width = 200
    static let height = 60

    /// Consecutive seconds of `fixture`, so every diff has real changes to find; built before timing starts.
    static func seconds(of fixture: SnapshotFixture) -> [SystemSnapshot] {
        (0..<4).map { fixture.snapshot(at: 60 + $0) }
    }

    /// `iterations` frames alternating between `snapshots`; the caller times the whole run.
    static func run(_ snapshots: [SystemSnapshot], iterations: Int) -> Result {
        var state = DashboardState()
        state.focus = .groups
        let clock = MonotonicClock()
        var durations: [Int64] = []
        durations.reserveCapacity(max(0, iterations))
        var previous = DashboardApp.view(state, snapshots[0], width: width, height: height)
        let fullFrameBytes = FrameDiff.textBytes(FrameDiff.runs(from: nil, to: previous))
        var changedFrameBytes = 0
        for index in 0..<max(0, iterations) {
            let begin = clock.now()
            let frame = DashboardApp.view(state, snapshots[(index + 1) % snapshots.count], width: width, height: height)
            let runs = FrameDiff.runs(from: previous, to: frame)
            durations.append(clock.now() - begin)
            if index == 0 { changedFrameBytes = FrameDiff.textBytes(runs) }
            previous = frame
            state.selection[.groups] = index % 8
        }
        durations.sort()
        func percentile(_ p: Double) -> Int64 {
            durations.isEmpty ? 0 : durations[min(durations.count - 1, Int(Double(durations.count) * p))]
        }
        return Result(ops: durations.count, p50Ns: percentile(0.5), p99Ns: percentile(0.99),
                      changedFrameBytes: changedFrameBytes, fullFrameBytes: fullFrameBytes)
    }
}
