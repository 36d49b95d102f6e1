import Dashboard
import SluiceModel
import Testing

/// A Kafka group is a name with subscriptions: one group reading two topics is one row, with each topic's
/// lag on it, its partitions under both topics, and a replay that names the topic of the partition it moves.
@Suite struct MultiTopicGroupTests {
    static let ledger = GroupID("ledger")

    static var snapshot: SystemSnapshot {
        let orders = TopicSnapshot(name: "orders", partitions: [
            PartitionSnapshot(index: 0, logStartOffset: 0, logEndOffset: 10),
            PartitionSnapshot(index: 1, logStartOffset: 0, logEndOffset: 12),
        ])
        let payments = TopicSnapshot(name: "payments", partitions: [PartitionSnapshot(index: 0, logStartOffset: 0, logEndOffset: 9)])
        let partitions = [
            GroupPartitionSnapshot(topic: "orders", partition: 0, committedOffset: 8, position: 8, logEndOffset: 10, owner: "m-1"),
            GroupPartitionSnapshot(topic: "orders", partition: 1, committedOffset: 11, position: 11, logEndOffset: 12, owner: "m-1"),
            GroupPartitionSnapshot(topic: "payments", partition: 0, committedOffset: 5, position: 5, logEndOffset: 9, owner: "m-1"),
        ]
        let member = MemberSnapshot(id: "m-1", assigned: partitions.map(\.ref), clientId: "ledger-a", clientHost: "/127.0.0.1")
        let group = GroupSnapshot(id: ledger, subscriptions: ["orders", "payments"], strategy: "range", members: [member],
                                  partitions: partitions)
        return SystemSnapshot(source: SourceInfo(engine: "Kafka", name: "test"), clock: ClockInfo(now: 0),
                              topics: [orders, payments], groups: [group])
    }

    static func lines(_ buffer: Buffer) -> [String] { (0..<buffer.height).map { buffer.line($0) } }

    @Test func theGroupShowsOnceWithEachTopicsLagAndItsPartitionsUnderBothTopics() {
        let screen = Self.lines(Fixtures.render(Fixtures.state(focus: .groups), Self.snapshot, width: 160, height: 48))
        let headings = screen.filter { $0.contains("ledger  lag") }
        #expect(headings.count == 1, "\(screen.joined(separator: "\n"))")
        #expect(headings.first?.contains("ledger  lag 7") == true)
        #expect(headings.first?.contains("(orders 3 · payments 4)") == true)
        // Zoomed, the member row has room for its partitions, named with their topics.
        var zoomed = Fixtures.state(focus: .groups)
        zoomed.zoomed = true
        let wide = Self.lines(Fixtures.render(zoomed, Self.snapshot, width: 160, height: 48))
        #expect(wide.contains { $0.contains("m-1") && $0.contains("orders p0-1 pay") }, "\(wide.filter { $0.contains("m-1") })")
        // Each partition of both topics knows the group's lag on it.
        let explained = Explainer.explain(.partitions, .partition(topic: "payments", index: 0), Self.snapshot)
        #expect(explained?.facts.contains { $0.hasPrefix("ledger: lag = 9 - 5 = 4") && $0.contains("owner m-1") } == true, "\(explained?.facts ?? [])")
    }

    @Test func aReplayOfOnePartitionNamesItsTopic() {
        let start = Fixtures.state(focus: .groups, on: .group(.group(Self.ledger)), Self.snapshot)
        var (state, _) = BackendWordingTests.press([.char("r")], start, Self.snapshot)
        guard case .form(let form) = state.overlay else { Issue.record("no replay form"); return }
        #expect(form.fields[1].choices == ["all", "orders p0", "orders p1", "payments p0"])
        // Right three times: from "all" to "payments p0"; then Enter on the default earliest.
        (state, _) = BackendWordingTests.press([.tab, .right, .right, .right, .enter], state, Self.snapshot)
        #expect(BackendWordingTests.question(state)?.hasPrefix("Replay ledger (partition payments p0) to the earliest offset?") == true,
                "\(BackendWordingTests.question(state) ?? "no question")")
        let (_, sent) = BackendWordingTests.press([.char("y")], state, Self.snapshot)
        #expect(sent.commands == [.seek(group: Self.ledger, partition: PartitionRef(topic: "payments", partition: 0), to: .earliest)])
    }

    /// A replay the backend can only do in part (JetStream browses) says so where it is asked and in help.
    @Test func aPartialReplaySaysWhatItDoesInstead() {
        var snapshot = Self.snapshot
        snapshot.capabilities = Capabilities(partial: [.seek: "browse only: the consumer stays where it is"])
        let start = Fixtures.state(focus: .groups, on: .group(.group(Self.ledger)), snapshot)
        let (asked, _) = BackendWordingTests.press([.char("r"), .enter], start, snapshot)
        #expect(BackendWordingTests.question(asked)?.hasSuffix("browse only: the consumer stays where it is.") == true,
                "\(BackendWordingTests.question(asked) ?? "no question")")
        let (sent, effects) = BackendWordingTests.press([.char("y")], asked, snapshot)
        #expect(effects.commands == [.seek(group: Self.ledger, partition: nil, to: .earliest)], "a partial action is still sent")
        #expect(sent.overlay == .none)
        var help = Fixtures.state(focus: .groups)
        help.overlay = .help(scroll: 0)
        let screen = Self.lines(Fixtures.render(help, snapshot, width: 220, height: 60))
        let replay = screen.firstIndex { $0.contains("Replay: seek a group") }
        #expect(replay.map { screen[$0 + 1].contains("(browse only: the consumer stays where it is)") } == true,
                "\(screen.joined(separator: "\n"))")
    }
}
