import Broker
import SluiceModel
import Testing

@Suite struct ClockAndMetricsTests {
    @Test func theManualClockMovesOnlyForwardAndOnlyWhenTold() {
        let clock = ManualClock(now: 5)
        #expect(clock.now() == 5)
        clock.advance(by: 10)
        clock.advance(by: -3)
        #expect(clock.now() == 15)
        clock.set(to: 12)
        #expect(clock.now() == 15)
        clock.set(to: 40)
        #expect(clock.now() == 40)
    }

    @Test func theMonotonicClockNeverGoesBackwards() {
        let clock = MonotonicClock()
        var previous = clock.now()
        #expect(previous >= 0)
        for _ in 0..<1_000 {
            let next = clock.now()
            #expect(next >= previous)
            previous = next
        }
    }

    @Test func ratesAreMeasuredOverASlidingWindowOfTheInjectedClock() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 2)
        // 10 records per second for 10 seconds, spread evenly.
        for tick in 0..<100 {
            clock.set(to: Nanos(tick) * 100 * millisecond)
            try topic.produce(ProducerRecord(value: [1], partition: tick % 2))
        }
        clock.set(to: 10 * second)
        let snapshot = try #require(broker.snapshot().topic("t"))
        #expect(abs(snapshot.producedPerSecond - 10) < 0.5)
        #expect(abs(snapshot.partitions[0].producedPerSecond - 5) < 0.5)
        clock.set(to: 30 * second)
        #expect(broker.snapshot().topic("t")?.producedPerSecond == 0)
    }

    @Test func lagAndDepthHistoriesTakeOneSamplePerSecond() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        let group = try broker.createGroup("g", topic: "t")
        group.join(member: "a")
        let queue = try broker.createQueue("q")
        _ = broker.snapshot()
        for second in 1...4 {
            try topic.produce(ProducerRecord(value: [1]))
            try queue.enqueue(value: [1])
            clock.set(to: Nanos(second) * NanosPerUnit.second)
            _ = broker.snapshot()
        }
        let snapshot = broker.snapshot()
        #expect(snapshot.group(id: GroupID("g", stream: "t"))?.lagHistory.samples == [1, 2, 3, 4])
        #expect(snapshot.queue("q")?.depthHistory.samples == [1, 2, 3, 4])
    }

    @Test func theSnapshotAddsUpCountersAndRates() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        let group = try broker.createGroup("g", topic: "t")
        let queue = try broker.createQueue("q")
        group.join(member: "a")
        for _ in 0..<3 { try topic.produce(ProducerRecord(value: [1])) }
        try group.commit(try group.poll(member: "a", max: 2))
        try queue.enqueue(value: [1])
        try queue.ack(try #require(queue.receive(consumer: "w").first).receipt)
        let totals = broker.snapshot().totals
        #expect(totals.produced == 4)
        #expect(totals.delivered == 3)
        #expect(totals.acked == 3)
    }

    @Test func theInspectorReadsAPartitionFromAnOffset() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        for i in 0..<5 { try topic.produce(ProducerRecord(key: bytes("k"), value: bytes("v\(i)"), messageId: "m\(i)")) }
        let inspection = try broker.inspect(.partition(topic: "t", partition: 0, fromOffset: 3))
        #expect(inspection.messages.map(\.offset) == [3, 4])
        #expect(inspection.messages.map(\.messageId) == ["m3", "m4"])
        #expect(inspection.messages.first?.key == bytes("k"))
        #expect(throws: BrokerError.unknownTopic("x")) { try broker.inspect(.partition(topic: "x", partition: 0, fromOffset: 0)) }
    }

    @Test func eventsAreDrainedOnce() throws {
        let (broker, _) = makeBroker()
        try broker.createTopic("t", partitions: 1)
        let group = try broker.createGroup("g", topic: "t")
        group.join(member: "a")
        try group.pause(member: "a")
        try group.seek(partition: nil, to: .earliest)
        #expect(broker.drainEvents().map(\.kind) == [.rebalance, .pause, .seek])
        #expect(broker.drainEvents().isEmpty)
    }
}

@Suite struct DiscreteEventDrivingTests {
    /// A simulation wakes at `nextDeadline()`, calls `processDue()`, and must find the next deadline later
    /// than now: otherwise it would spin at one instant.
    @Test(arguments: [UInt64(1), 2, 3])
    func eachWakeUpMovesTimeForwardUntilNothingIsDue(seed: UInt64) throws {
        let (broker, clock) = makeBroker(seed: seed)
        let queue = try broker.createQueue("jobs", config: QueueConfig(
            ackDeadline: 700 * millisecond, maxDeliveries: 3, deadLetterQueue: "dlq",
            retry: .exponential(initial: 50 * millisecond, multiplier: 3, max: 2 * second, jitter: .equal)))
        let topic = try broker.createTopic("t", partitions: 2, retention: Retention(maxAge: 5 * second))
        for i in 0..<50 {
            try queue.enqueue(value: [UInt8(i)], delay: Nanos(i) * 37 * millisecond)
            try topic.produce(ProducerRecord(value: [UInt8(i)]))
        }
        var wakeUps = 0
        var redriven = false
        while let due = broker.nextDeadline() {
            #expect(due >= clock.now())
            clock.set(to: due)
            broker.processDue()
            _ = queue.receive(consumer: "never-acks", max: 10)  // every delivery expires
            if let next = broker.nextDeadline() { #expect(next > due, "stuck at \(due)") }
            if !redriven, try broker.queue("dlq").depth == 50 {
                try broker.queue("dlq").redrive(perSecond: 7)
                redriven = true
            }
            wakeUps += 1
            if wakeUps > 10_000 { break }
        }
        #expect(wakeUps < 10_000)
        #expect(redriven)
        #expect(try broker.queue("dlq").depth == 50)  // redriven, failed again, dead again
        #expect(broker.snapshot().topic("t")?.partitions.allSatisfy { $0.retained == 0 } == true)
    }
}
