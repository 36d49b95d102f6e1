import Testing
import SluiceModel

@Test func lagIsLogEndMinusCommitted() {
    let p = GroupPartitionSnapshot(partition: 0, committedOffset: 40, position: 45, logEndOffset: 100)
    #expect(p.lag == 60)
    let caughtUp = GroupPartitionSnapshot(partition: 1, committedOffset: 100, position: 100, logEndOffset: 100)
    let group = GroupSnapshot(topic: "orders", name: "billing", partitions: [p, caughtUp])
    #expect(group.totalLag == 60)
    #expect(group.id == "orders/billing")
}

@Test func capabilitiesCarryTheReason() {
    let caps = Capabilities(unavailable: [.pauseResume: "server older than 2.11"])
    #expect(!caps.allows(.pauseResume))
    #expect(caps.reasonUnavailable(.pauseResume) == "server older than 2.11")
    #expect(caps.allows(Command.publish(target: "t", key: nil, value: [], headers: [], messageId: nil).kind))
}
