import Simulation
import SluiceModel
import Testing

/// What the backend says about stream members matches what the dashboard shows as true: in flight
/// never above its maximum, idle only for a member that owns no partition.
@Suite struct MemberSnapshotTests {
    /// Snapshots of a scenario once a simulated second for `seconds`.
    static func everySecond(_ name: String, seconds: Int, _ check: (SystemSnapshot) -> Void) throws {
        let backend = try SimulationBackend(scenarioNamed: name)
        for _ in 0..<seconds {
            backend.advance(wallNanos: NanosPerUnit.second)
            check(backend.snapshot())
        }
    }

    @Test func inFlightStaysWithinMaxInFlightThroughTheDemo() throws {
        var checked = 0, busy = 0
        // The demo's inventory commits on a 5 s interval: the broker's uncommitted count runs far above the
        // instance's buffer, and must not leak into in flight.
        try Self.everySecond("demo", seconds: 120) { snapshot in
            for member in snapshot.groups.flatMap(\.members) {
                let limit = member.maxInFlight ?? .max
                #expect(member.inFlight <= limit, "\(member.id) at \(snapshot.clock.now): \(member.inFlight)/\(limit)")
                checked += 1
                if member.inFlight > 0 { busy += 1 }
            }
        }
        #expect(checked > 0 && busy > 0, "members were checked while holding records")
    }

    @Test func idleMeansAMemberWithoutPartitions() throws {
        try Self.everySecond("idle-consumers", seconds: 30) { snapshot in
            let group = snapshot.groups[0]
            for member in group.members {
                let state = snapshot.instances.first { $0.id == member.id }?.state
                #expect((state == .idle) == member.assigned.isEmpty, "\(member.id): \(String(describing: state))")
            }
            // Members beyond the partition count: 2 of 6 on 4 partitions, 1 while one of them is down.
            #expect(snapshot.instances.filter { $0.state == .idle }.count == max(0, group.members.count - group.partitions.count))
        }
    }
}
