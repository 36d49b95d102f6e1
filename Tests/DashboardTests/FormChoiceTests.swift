import Dashboard
import SluiceModel
import Testing

/// A form's choice stands for a typed id, never for its printed words: two groups whose ids print alike (a group
/// `audit` named within stream `orders`, and a Kafka group named `orders/audit`) are still two choices.
@Suite struct FormChoiceTests {
    static let withinStream = GroupID("audit", stream: "orders")
    static let kafkaNamed = GroupID("orders/audit")

    static var snapshot: SystemSnapshot {
        let orders = TopicSnapshot(name: "orders", partitions: [PartitionSnapshot(index: 0, logStartOffset: 0, logEndOffset: 10)])
        let groups = [withinStream, kafkaNamed].map { id in
            GroupSnapshot(id: id, subscriptions: ["orders"], members: [], partitions: [
                GroupPartitionSnapshot(topic: "orders", partition: 0, committedOffset: 4, position: 4, logEndOffset: 10, owner: nil),
            ])
        }
        return SystemSnapshot(source: SourceInfo(engine: "test", name: "alike"), clock: ClockInfo(now: 0), topics: [orders], groups: groups)
    }

    @Test(arguments: [withinStream, kafkaNamed])
    func aReplayGoesToTheGroupChosenThoughBothPrintAlike(group: GroupID) {
        #expect(Self.withinStream.description == Self.kafkaNamed.description, "the two ids print alike")
        let start = Fixtures.state(focus: .groups, on: .group(.group(group)), Self.snapshot)
        var (state, _) = BackendWordingTests.press([.char("r")], start, Self.snapshot)
        guard case .form(let form) = state.overlay else { Issue.record("no replay form"); return }
        #expect(form.chosen("group") == .group(group))
        (state, _) = BackendWordingTests.press([.enter], state, Self.snapshot)
        let (_, sent) = BackendWordingTests.press([.char("y")], state, Self.snapshot)
        #expect(sent.commands == [.seek(group: group, partition: nil, to: .earliest)])
    }

    @Test func cyclingMovesToTheOtherGroupAndItsPartitions() {
        let start = Fixtures.state(focus: .groups, on: .group(.group(Self.withinStream)), Self.snapshot)
        var (state, _) = BackendWordingTests.press([.char("r"), .right], start, Self.snapshot)
        guard case .form(let form) = state.overlay else { Issue.record("no replay form"); return }
        #expect(form.chosen("group") == .group(Self.kafkaNamed))
        (state, _) = BackendWordingTests.press([.tab, .right], state, Self.snapshot)
        guard case .form(let moved) = state.overlay else { Issue.record("no replay form"); return }
        #expect(moved.chosen("partition") == .partition(PartitionRef(topic: "orders", partition: 0)))
    }
}
