import Testing
import SluiceModel

@Test func lagIsLogEndMinusCommitted() {
    let p = GroupPartitionSnapshot(topic: "orders", partition: 0, committedOffset: 40, position: 45, logEndOffset: 100)
    #expect(p.lag == 60)
    let caughtUp = GroupPartitionSnapshot(topic: "orders", partition: 1, committedOffset: 100, position: 100, logEndOffset: 100)
    let group = GroupSnapshot(id: GroupID("billing", stream: "orders"), subscriptions: ["orders"], partitions: [p, caughtUp])
    #expect(group.totalLag == 60)
    #expect(group.id.description == "orders/billing")
}

/// A Kafka group reads several topics: each partition is found by its topic and number, and lag adds up per topic.
@Test func aGroupOfSeveralTopicsFindsPartitionsByTopicAndCountsLagPerTopic() {
    let partitions = [
        GroupPartitionSnapshot(topic: "orders", partition: 0, committedOffset: 5, position: 5, logEndOffset: 9),
        GroupPartitionSnapshot(topic: "orders", partition: 1, committedOffset: 2, position: 2, logEndOffset: 3),
        GroupPartitionSnapshot(topic: "payments", partition: 0, committedOffset: 0, position: 0, logEndOffset: 10),
    ]
    let group = GroupSnapshot(id: GroupID("ledger"), subscriptions: ["orders", "payments"], partitions: partitions)
    #expect(group.id.description == "ledger")
    #expect(group.partition(PartitionRef(topic: "payments", partition: 0))?.lag == 10)
    #expect(group.partition(PartitionRef(topic: "orders", partition: 1))?.lag == 1)
    #expect(group.partition(PartitionRef(topic: "payments", partition: 1)) == nil)
    #expect(group.lagByTopic.map(\.topic) == ["orders", "payments"])
    #expect(group.lagByTopic.map(\.lag) == [5, 10])
    #expect(group.totalLag == 15)
}

@Test func capabilitiesCarryTheReason() {
    let caps = Capabilities(unavailable: [.pauseResume: "server older than 2.11"])
    #expect(!caps.allows(.pauseResume))
    #expect(caps.reasonUnavailable(.pauseResume) == "server older than 2.11")
    #expect(caps.allows(Command.publish(target: "t", key: nil, value: [], headers: [], messageId: nil).kind))
}
