import Dashboard
import SluiceModel
import Testing

/// Enter opens what help says it opens: a group or member row inspects the group's records from its
/// committed offset (not the Replay form), the Retries panel inspects the dead-letter queue (no zoom).
@Suite struct EnterOpensWhatHelpSaysTests {
    let snapshot = Fixtures.checkout

    func enter(_ state: DashboardState) -> (DashboardState, [Command]) {
        let (next, effects) = DashboardApp.update(state, .key(.enter), snapshot)
        return (next, effects.commands)
    }

    /// Where inspecting `group` on `partition` should start: its committed offset, within the log.
    func start(of group: GroupSnapshot, on partition: Int) throws -> Int64 {
        let log = try #require(snapshot.topics.first { $0.name == group.subscriptions[0] }?.partitions.first { $0.index == partition })
        let committed = try #require(group.partitions.first { $0.partition == partition }).committedOffset
        return max(log.logStartOffset, committed)
    }

    @Test func enterOnAGroupInspectsThePartitionItLagsMostOnFromItsCommittedOffset() throws {
        let group = try #require(snapshot.groups.first { $0.id == GroupID("billing", stream: "orders") })
        let worst = try #require(group.partitions.max { $0.lag < $1.lag })
        #expect(group.partitions.filter { $0.lag == worst.lag }.count == 1, "the fixture has one worst partition")
        let (state, commands) = enter(Fixtures.state(focus: .groups, on: .group(.group(group.id))))
        #expect(commands == [.inspect(.partition(topic: worst.topic, partition: worst.partition,
                                                 fromOffset: try start(of: group, on: worst.partition)))])
        #expect(state.overlay == .none, "no Replay form")
        #expect(state.focus == .inspector)
    }

    @Test func enterOnAMemberInspectsItsFirstPartition() throws {
        let group = try #require(snapshot.groups.first { $0.id == GroupID("billing", stream: "orders") })
        let member = try #require(group.members.first { !$0.assigned.isEmpty })
        let first = try #require(member.assigned.min()?.partition)
        let (_, commands) = enter(Fixtures.state(focus: .groups, on: .member(group: .group(group.id), member: member.id)))
        #expect(commands == [.inspect(.partition(topic: group.subscriptions[0], partition: first,
                                                 fromOffset: try start(of: group, on: first)))])
    }

    @Test func enterOnAStuckMemberInspectsThePartitionItIsStuckOn() throws {
        var stuckSnapshot = snapshot
        let groupIndex = try #require(stuckSnapshot.groups.firstIndex { $0.id == GroupID("billing", stream: "orders") })
        let memberIndex = try #require(stuckSnapshot.groups[groupIndex].members.firstIndex { $0.assigned.count > 1 })
        let stuckOn = try #require(stuckSnapshot.groups[groupIndex].members[memberIndex].assigned.max())
        stuckSnapshot.groups[groupIndex].members[memberIndex].stuck = StuckRecord(partition: stuckOn, offset: 7, attempt: 3)
        let group = stuckSnapshot.groups[groupIndex]
        let member = group.members[memberIndex]
        let state = Fixtures.state(focus: .groups, on: .member(group: .group(group.id), member: member.id), stuckSnapshot)
        let commands = DashboardApp.update(state, .key(.enter), stuckSnapshot).1.commands
        guard case .inspect(.partition(let topic, let partition, _))? = commands.first else {
            Issue.record("no inspection: \(commands)"); return
        }
        #expect(topic == stuckOn.topic && partition == stuckOn.partition)
    }

    @Test func enterOnRetriesInspectsTheDeadLetterQueueInsteadOfZooming() throws {
        let dlq = try #require(snapshot.queues.first { $0.isDeadLetterQueue })
        let (state, commands) = enter(Fixtures.state(focus: .retries))
        #expect(commands == [.inspect(.queue(name: dlq.name))])
        #expect(!state.zoomed)
        #expect(state.focus == .inspector)
    }

    @Test func enterWhereThereIsNothingToOpenSaysWhatElseWorks() {
        let (state, commands) = enter(Fixtures.state(focus: .throughput))
        #expect(commands.isEmpty)
        #expect(!state.zoomed)
        #expect(state.status?.text.contains("z zooms") == true)
    }

    @Test func helpSaysWhatEnterDoesOnAGroupAndOnRetries() throws {
        let summary = try #require(KeyMap.binding(for: .open)?.summary)
        #expect(summary.contains("a group") && summary.contains("committed offset"))
        #expect(summary.contains("the DLQ from Retries"))
        #expect(!summary.contains("Replay"))
    }
}
