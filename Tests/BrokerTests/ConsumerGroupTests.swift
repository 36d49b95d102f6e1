import Broker
import SluiceModel
import Testing

@Suite struct ConsumerGroupTests {
    /// A topic with `partitions` partitions and `perPartition` records in each.
    func filledTopic(_ broker: Broker, partitions: Int, perPartition: Int) throws -> Topic {
        let topic = try broker.createTopic("orders", partitions: partitions)
        for partition in 0..<partitions {
            for i in 0..<perPartition { try topic.produce(ProducerRecord(value: bytes("p\(partition)-\(i)"), partition: partition)) }
        }
        return topic
    }

    func assignments(_ group: ConsumerGroup) throws -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for member in group.members { result[member] = try group.assignment(of: member) }
        return result
    }

    /// Range: contiguous ranges, extras to the first members by id. Round-robin: dealt in turn.
    @Test(arguments: [
        (AssignmentStrategy.range, ["a": [0, 1, 2], "b": [3, 4], "c": [5, 6]]),
        (AssignmentStrategy.roundRobin, ["a": [0, 3, 6], "b": [1, 4], "c": [2, 5]]),
    ])
    func assignmentFollowsKafkasAssignors(strategy: AssignmentStrategy, expected: [String: [Int]]) throws {
        let (broker, _) = makeBroker()
        _ = try filledTopic(broker, partitions: 7, perPartition: 0)
        let group = try broker.createGroup("g", topic: "orders", strategy: strategy)
        for member in ["c", "a", "b"] { group.join(member: member) }
        #expect(try assignments(group) == expected)
    }

    @Test func stickyAssignmentMovesAsFewPartitionsAsItCan() throws {
        let (broker, _) = makeBroker()
        _ = try filledTopic(broker, partitions: 6, perPartition: 0)
        let group = try broker.createGroup("g", topic: "orders", strategy: .sticky)
        group.join(member: "a")
        group.join(member: "b")
        let before = try assignments(group)
        group.join(member: "c")
        let after = try assignments(group)
        #expect(after.values.map(\.count).sorted() == [2, 2, 2])
        for member in ["a", "b"] { #expect(Set(after[member] ?? []).isSubset(of: Set(before[member] ?? []))) }
        try group.leave(member: "a")
        let afterLeave = try assignments(group)
        for member in ["b", "c"] { #expect(Set(after[member] ?? []).isSubset(of: Set(afterLeave[member] ?? []))) }
        #expect(afterLeave.values.map(\.count).sorted() == [3, 3])
    }

    @Test(arguments: AssignmentStrategy.allCases)
    func everyPartitionHasExactlyOneOwnerAndExtraMembersIdle(strategy: AssignmentStrategy) throws {
        let (broker, _) = makeBroker()
        _ = try filledTopic(broker, partitions: 3, perPartition: 0)
        let group = try broker.createGroup("g", topic: "orders", strategy: strategy)
        for count in 1...5 {
            group.join(member: "m\(count)")
            let owned = try assignments(group).values.flatMap { $0 }
            #expect(owned.sorted() == [0, 1, 2])
            #expect(try assignments(group).values.filter(\.isEmpty).count == max(0, count - 3))
        }
    }

    @Test func everyRebalanceBumpsTheGeneration() throws {
        let (broker, _) = makeBroker()
        _ = try filledTopic(broker, partitions: 2, perPartition: 0)
        let group = try broker.createGroup("g", topic: "orders")
        #expect(group.generation == 0)
        #expect(group.join(member: "a") == 1)
        #expect(group.join(member: "a") == 1)  // joining twice is no rebalance
        #expect(group.join(member: "b") == 2)
        #expect(try group.leave(member: "a") == 3)
        #expect(throws: BrokerError.unknownMember(group: "orders/g", member: "a")) { try group.leave(member: "a") }
        let events = broker.drainEvents().filter { $0.kind == .rebalance }
        #expect(events.count == 3)
    }

    @Test func pollHandsOutAtMostMaxFromAssignedPartitionsOnly() throws {
        let (broker, _) = makeBroker()
        _ = try filledTopic(broker, partitions: 2, perPartition: 5)
        let group = try broker.createGroup("g", topic: "orders", strategy: .range)
        group.join(member: "a")
        group.join(member: "b")
        let batch = try group.poll(member: "a", max: 3)
        #expect(batch.count == 3)
        #expect(Set(batch.map(\.partition)) == [0])
        #expect(try group.poll(member: "a", max: 10).map(\.offset) == [3, 4])
        #expect(try group.poll(member: "a", max: 10).isEmpty)
        #expect(throws: BrokerError.unknownMember(group: "orders/g", member: "zed")) { try group.poll(member: "zed", max: 1) }
    }

    @Test func pollPreservesPerKeyOrderWithinAPartition() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("orders", partitions: 3)
        for i in 0..<30 { try topic.produce(ProducerRecord(key: bytes("k\(i % 4)"), value: bytes("\(i)"))) }
        let group = try broker.createGroup("g", topic: "orders")
        group.join(member: "a")
        var seen: [String: [Int]] = [:]
        while true {
            let batch = try group.poll(member: "a", max: 4)
            if batch.isEmpty { break }
            for record in batch { seen[text(record.key ?? []), default: []].append(Int(text(record.value)) ?? -1) }
        }
        #expect(seen.values.reduce(0) { $0 + $1.count } == 30)
        for values in seen.values { #expect(values == values.sorted()) }
    }

    @Test func lagIsLogEndMinusCommittedAndCommitsMoveIt() throws {
        let (broker, _) = makeBroker()
        let topic = try filledTopic(broker, partitions: 2, perPartition: 4)
        let group = try broker.createGroup("g", topic: "orders")
        group.join(member: "a")
        #expect(group.totalLag == 8)
        let batch = try group.poll(member: "a", max: 3)
        #expect(group.totalLag == 8)  // polled is not committed
        try group.commit(batch)
        #expect(group.totalLag == 5)
        try group.commit(member: "a", partition: 1, offset: 4)
        #expect(try group.lag(partition: 1) == 0)
        #expect(throws: BrokerError.offsetBeyondLogEnd(topic: "orders", partition: 1, offset: 5, logEnd: 4)) {
            try group.commit(member: "a", partition: 1, offset: 5)
        }
        try topic.produce(ProducerRecord(value: [1], partition: 1))
        #expect(try group.lag(partition: 1) == 1)
        let snapshot = try #require(broker.snapshot().group(id: GroupID("g", stream: "orders")))
        #expect(snapshot.totalLag == group.totalLag)
        #expect(snapshot.counters.acked == 7)
        #expect(snapshot.members[0].counters.delivered == 3)
    }

    @Test func autoCommitCommitsPolledPositionsOnTheNextPollAfterTheInterval() throws {
        let (broker, clock) = makeBroker()
        _ = try filledTopic(broker, partitions: 1, perPartition: 10)
        let group = try broker.createGroup("g", topic: "orders", autoCommitInterval: 5 * second)
        group.join(member: "a")
        _ = try group.poll(member: "a", max: 4)
        clock.advance(by: 4 * second)
        _ = try group.poll(member: "a", max: 2)
        #expect(try group.committedOffset(partition: 0) == 0)
        clock.advance(by: 1 * second)
        _ = try group.poll(member: "a", max: 1)
        #expect(try group.committedOffset(partition: 0) == 6)
    }

    @Test func aNewGroupStartsAtEarliestLatestAnOffsetOrATime() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("orders", partitions: 1)
        for i in 0..<10 {
            clock.set(to: Int64(i) * second)
            try topic.produce(ProducerRecord(value: [UInt8(i)]))
        }
        let starts: [(SeekPosition, Int64)] = [(.earliest, 0), (.latest, 10), (.offset(4), 4), (.offset(99), 10),
                                                (.time(3 * second + 1), 4), (.time(100 * second), 10)]
        for (index, (start, expected)) in starts.enumerated() {
            let group = try broker.createGroup("g\(index)", topic: "orders", start: start)
            #expect(try group.committedOffset(partition: 0) == expected)
            #expect(try group.position(partition: 0) == expected)
        }
    }

    @Test func groupsReadOneTopicIndependently() throws {
        let (broker, _) = makeBroker()
        _ = try filledTopic(broker, partitions: 1, perPartition: 5)
        let billing = try broker.createGroup("billing", topic: "orders")
        let audit = try broker.createGroup("audit", topic: "orders")
        billing.join(member: "b")
        audit.join(member: "a")
        try billing.commit(try billing.poll(member: "b", max: 5))
        #expect(billing.totalLag == 0)
        #expect(audit.totalLag == 5)
        #expect(try audit.poll(member: "a", max: 10).count == 5)
    }

    @Test func aPausedMemberOrPartitionGetsNothingUntilResumed() throws {
        let (broker, _) = makeBroker()
        _ = try filledTopic(broker, partitions: 2, perPartition: 3)
        let group = try broker.createGroup("g", topic: "orders")
        group.join(member: "a")
        try group.pause(member: "a", partition: 0)
        #expect(Set(try group.poll(member: "a", max: 10).map(\.partition)) == [1])
        #expect(try group.isPaused(partition: 0))
        try group.resume(member: "a", partition: 0)
        #expect(try group.poll(member: "a", max: 10).count == 3)

        try filledTopicMore(broker)
        try group.pause(member: "a")
        #expect(try group.poll(member: "a", max: 10).isEmpty)
        try group.resume(member: "a")
        try group.pause(member: nil)
        #expect(try group.poll(member: "a", max: 10).isEmpty)
        #expect(broker.snapshot().groups[0].partitions.allSatisfy { $0.paused })
        try group.resume(member: nil)
        #expect(try group.poll(member: "a", max: 10).count == 2)
        #expect(throws: BrokerError.notPartitionOwner(group: "orders/g", member: "a", partition: 1)) {
            group.join(member: "b")
            try group.pause(member: "a", partition: 1)
        }
    }

    private func filledTopicMore(_ broker: Broker) throws {
        let topic = try broker.topic("orders")
        try topic.produce(ProducerRecord(value: [9], partition: 0))
        try topic.produce(ProducerRecord(value: [9], partition: 1))
    }

    @Test func seekReplaysFromEarliestAnOffsetOrATimeAndSaysHowMany() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("orders", partitions: 2)
        for i in 0..<10 {
            clock.set(to: Int64(i) * second)
            try topic.produce(ProducerRecord(value: [UInt8(i)], partition: i % 2))
        }
        let group = try broker.createGroup("g", topic: "orders")
        group.join(member: "a")
        try group.commit(try group.poll(member: "a", max: 10))
        #expect(group.totalLag == 0)
        #expect(try group.seekCount(partition: nil, to: .earliest) == SeekCount(again: 10))
        #expect(try group.seekCount(partition: 1, to: .offset(3)) == SeekCount(again: 2))
        #expect(try group.seekCount(partition: nil, to: .time(6 * second)) == SeekCount(again: 4))
        #expect(try broker.seekCount(group: GroupID("g", stream: "orders"), partition: nil, to: .latest) == SeekCount())
        #expect(throws: BrokerError.offsetBeyondLogEnd(topic: "orders", partition: 0, offset: 6, logEnd: 5)) {
            try group.seek(partition: 0, to: .offset(6))
        }
        #expect(throws: BrokerError.partitionOutOfRange(topic: "orders", partition: 2, partitionCount: 2)) {
            try group.seek(partition: 2, to: .earliest)
        }

        #expect(try group.seek(partition: 0, to: .offset(2)) == SeekCount(again: 3))
        #expect(try group.lag(partition: 0) == 3)
        #expect(try group.poll(member: "a", max: 10).map(\.offset) == [2, 3, 4])
        // Counted from the committed offsets (p0 at 2, p1 at 5): p0 moves ahead to 3, past one record
        // it fetched but never committed; p1 goes back to 3.
        #expect(try group.seek(partition: nil, to: .time(6 * second)) == SeekCount(again: 2, skipped: 1))
        let replayed = try group.poll(member: "a", max: 10)
        #expect(replayed.map(\.timestamp).sorted() == [6, 7, 8, 9].map { $0 * second })
        let snapshot = try #require(broker.snapshot().group(id: GroupID("g", stream: "orders")))
        #expect(snapshot.counters.redelivered == 7)
        try group.seek(partition: nil, to: .latest)
        #expect(group.totalLag == 0)
    }

    @Test func aRebalanceHandsUncommittedRecordsToTheNewOwnerAndRefusesStaleCommits() throws {
        let (broker, _) = makeBroker()
        _ = try filledTopic(broker, partitions: 2, perPartition: 4)
        let group = try broker.createGroup("g", topic: "orders", strategy: .range)
        group.join(member: "a")
        let stale = try group.poll(member: "a", max: 8)
        #expect(stale.count == 8)
        group.join(member: "b")  // takes partition 1
        #expect(throws: BrokerError.staleGeneration(group: "orders/g", polledIn: 1, current: 2)) { try group.commit(stale) }
        #expect(try group.poll(member: "b", max: 10).map(\.offset) == [0, 1, 2, 3])
        #expect(try group.poll(member: "a", max: 10).isEmpty)  // kept partition 0 and its position
        #expect(throws: BrokerError.notPartitionOwner(group: "orders/g", member: "a", partition: 1)) {
            try group.commit(member: "a", partition: 1, offset: 1)
        }
    }

    @Test func aPlainReadCannotBeCommitted() throws {
        let (broker, _) = makeBroker()
        let topic = try filledTopic(broker, partitions: 1, perPartition: 2)
        let group = try broker.createGroup("g", topic: "orders")
        group.join(member: "a")
        #expect(throws: BrokerError.self) { try group.commit(try topic.read(partition: 0, from: 0, max: 2)) }
        #expect(throws: BrokerError.groupExists("orders/g")) { try broker.createGroup("g", topic: "orders") }
        #expect(throws: BrokerError.unknownTopic("nope")) { try broker.createGroup("g", topic: "nope") }
    }

    @Test func retentionMovesAGroupPositionForwardPastDroppedRecords() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("orders", partitions: 1, retention: Retention(maxMessages: 3))
        let group = try broker.createGroup("g", topic: "orders")
        group.join(member: "a")
        for i in 0..<6 { try topic.produce(ProducerRecord(value: [UInt8(i)])) }
        #expect(try group.poll(member: "a", max: 10).map(\.offset) == [3, 4, 5])
        #expect(group.totalLag == 6)  // committed is still 0: lag counts what was lost too
    }
}
