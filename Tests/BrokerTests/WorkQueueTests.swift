import Broker
import SluiceModel
import Testing

@Suite struct WorkQueueTests {
    @Test func enqueueReceiveAckTakesAMessageThroughOnce() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs")
        #expect(try queue.enqueue(value: bytes("a")) == .enqueued(sequence: 1))
        #expect(try queue.enqueue(value: bytes("b")) == .enqueued(sequence: 2))
        let first = queue.receive(consumer: "w", max: 1)
        #expect(first.map { text($0.value) } == ["a"])
        #expect(first[0].deliveryCount == 1)
        #expect(first[0].deadline == 30 * second)
        #expect(queue.receive(consumer: "w", max: 5).map(\.sequence) == [2])
        clock.advance(by: 3 * millisecond)
        try queue.ack(first[0].receipt)
        #expect(throws: BrokerError.deliveryNotInFlight(queue: "jobs", sequence: 1)) { try queue.ack(first[0].receipt) }
        #expect(queue.depth == 1)
        let snapshot = try #require(broker.snapshot().queue("jobs"))
        #expect(snapshot.inFlight == 1)
        #expect(snapshot.counters.acked == 1)
        #expect(snapshot.counters.delivered == 2)
        #expect(snapshot.latency.p50 == 3 * millisecond)
        #expect(snapshot.attemptsHistogram == [1])
        #expect(snapshot.consumers == [QueueConsumerSnapshot(id: "w", inFlight: 1, counters: snapshot.consumers[0].counters)])
    }

    @Test func aPurgeDropsTheWaitingMessagesAndLeavesWhatConsumersHold() throws {
        let (broker, _) = makeBroker()
        let queue = try broker.createQueue("jobs")
        for value in ["a", "b", "c", "d", "e"] { try queue.enqueue(value: bytes(value)) }
        try queue.enqueue(value: bytes("later"), delay: 5 * second)
        let held = queue.receive(consumer: "w", max: 2)
        #expect(queue.purge() == 3)
        #expect(queue.waitingCount == 0)
        #expect(queue.messages().map(\.state) == [.inFlight, .inFlight, .delayed])
        try queue.ack(held[0].receipt)
        try queue.ack(held[1].receipt)
        #expect(queue.depth == 1)
        #expect(broker.drainEvents().contains { $0.text == "jobs: purged 3 waiting messages" })
        #expect(queue.purge() == 0)
    }

    @Test func aDelayedMessageIsHeldUntilItIsDue() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs")
        try queue.enqueue(value: bytes("later"), delay: 5 * second)
        try queue.enqueue(value: bytes("now"))
        #expect(queue.receive(consumer: "w", max: 5).map { text($0.value) } == ["now"])
        #expect(broker.nextDeadline() == 5 * second)
        #expect(queue.messages().map(\.state) == [.delayed, .inFlight])
        clock.set(to: 5 * second - 1)
        #expect(queue.receive(consumer: "w", max: 5).isEmpty)
        clock.set(to: 5 * second)
        #expect(queue.receive(consumer: "w", max: 5).map { text($0.value) } == ["later"])
    }

    @Test func aDeliveryNotAckedBeforeItsDeadlineIsRedeliveredWithItsCount() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(ackDeadline: 10 * second))
        try queue.enqueue(value: bytes("x"))
        let first = try #require(queue.receive(consumer: "a").first)
        #expect(broker.nextDeadline() == 10 * second)
        clock.set(to: 10 * second)
        #expect(throws: BrokerError.deliveryNotInFlight(queue: "jobs", sequence: 1)) { try queue.ack(first.receipt) }
        let second = try #require(queue.receive(consumer: "b").first)
        #expect(second.sequence == first.sequence)
        #expect(second.deliveryCount == 2)
        #expect(second.receipt != first.receipt)
        try queue.ack(second.receipt)
        let snapshot = try #require(broker.snapshot().queue("jobs"))
        #expect(snapshot.counters.redelivered == 1)
        #expect(snapshot.attemptsHistogram == [0, 1])
    }

    @Test func inProgressPushesTheDeadlineOut() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(ackDeadline: 10 * second))
        try queue.enqueue(value: bytes("x"))
        let delivery = try #require(queue.receive(consumer: "a").first)
        clock.set(to: 8 * second)
        #expect(try queue.inProgress(delivery.receipt) == 18 * second)
        #expect(try queue.inProgress(delivery.receipt, extendBy: 20 * second) == 28 * second)
        clock.set(to: 27 * second)
        #expect(broker.nextDeadline() == 28 * second)
        try queue.ack(delivery.receipt)
        #expect(broker.nextDeadline() == nil)
    }

    @Test func nackRedeliversAtOnceOrAfterTheGivenDelay() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs")
        try queue.enqueue(value: bytes("x"))
        try queue.nack(try #require(queue.receive(consumer: "a").first).receipt)
        let again = try #require(queue.receive(consumer: "a").first)
        #expect(again.deliveryCount == 2)
        try queue.nack(again.receipt, delay: 2 * second)
        #expect(queue.receive(consumer: "a").isEmpty)
        #expect(queue.messages().first?.state == .delayed)
        clock.set(to: 2 * second)
        #expect(queue.receive(consumer: "a").first?.deliveryCount == 3)
        #expect(broker.snapshot().queues[0].counters.nacked == 2)
    }

    @Test func exponentialBackoffGrowsUpToItsCap() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(
            retry: .exponential(initial: 100 * millisecond, multiplier: 2, max: 500 * millisecond, jitter: .none)))
        try queue.enqueue(value: bytes("x"))
        var waits: [Nanos] = []
        for _ in 0..<5 {
            let delivery = try #require(queue.receive(consumer: "a").first)
            try queue.nack(delivery.receipt)
            let due = try #require(queue.nextDueTime)
            waits.append(due - clock.now())
            clock.set(to: due)
        }
        #expect(waits == [100, 200, 400, 500, 500].map { $0 * millisecond })
    }

    @Test func anExplicitBackoffScheduleRepeatsItsLastEntry() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(
            ackDeadline: 1 * second, retry: .schedule([1 * second, 5 * second])))
        try queue.enqueue(value: bytes("x"))
        var waits: [Nanos] = []
        for _ in 0..<4 {
            _ = try #require(queue.receive(consumer: "a").first)
            clock.advance(by: 1 * second)  // the delivery expires; the backoff starts at its deadline
            #expect(broker.nextDeadline() == clock.now(), "the expiry is due now, until it is applied")
            broker.processDue()
            let due = try #require(broker.nextDeadline())
            waits.append(due - clock.now())
            clock.set(to: due)
        }
        #expect(waits == [1, 5, 5, 5].map { $0 * second })
    }

    /// Full jitter stays within [0, d], equal within [d/2, d]; the same seed gives the same delays.
    @Test(arguments: [Jitter.full, .equal])
    func jitterIsBoundedAndReproducible(jitter: Jitter) throws {
        func delays(seed: UInt64) throws -> [Nanos] {
            let (broker, clock) = makeBroker(seed: seed)
            let queue = try broker.createQueue("jobs", config: QueueConfig(
                retry: .exponential(initial: 1 * second, multiplier: 1, max: 1 * second, jitter: jitter)))
            try queue.enqueue(value: bytes("x"))
            var result: [Nanos] = []
            for _ in 0..<20 {
                try queue.nack(try #require(queue.receive(consumer: "a").first).receipt)
                let due = try #require(queue.nextDueTime)
                result.append(due - clock.now())
                clock.set(to: due)
            }
            return result
        }
        let first = try delays(seed: 7)
        #expect(try delays(seed: 7) == first)
        #expect(try delays(seed: 8) != first)
        let floor = jitter == .full ? 0 : 500 * millisecond
        #expect(first.allSatisfy { $0 >= floor && $0 <= 1 * second })
        #expect(Set(first).count > 10)
    }

    @Test func afterMaxDeliveriesAMessageGoesToTheDeadLetterQueueWithItsStory() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(
            ackDeadline: 10 * second, maxDeliveries: 3, deadLetterQueue: "jobs.dlq"))
        try queue.enqueue(value: bytes("poison"), key: bytes("k"), messageId: "p-1")
        var deliveries: [Delivery] = []
        for attempt in 0..<3 {
            clock.set(to: Nanos(attempt) * 20 * second)
            deliveries += queue.receive(consumer: "a")
        }
        #expect(deliveries.map(\.deliveryCount) == [1, 2, 3])
        clock.set(to: 50 * second)
        broker.processDue()
        let dlq = try broker.queue("jobs.dlq")
        #expect(queue.depth == 0)
        let dead = try #require(dlq.messages().first)
        #expect(text(dead.value) == "poison")
        #expect(dead.messageId == "p-1")
        let origin = try #require(dead.deadLetter)
        #expect(origin.source == "jobs")
        #expect(origin.sourceSequence == 1)
        #expect(origin.deliveryCount == 3)
        #expect(origin.firstDelivery == 0)
        #expect(origin.lastDelivery == 40 * second)
        #expect(origin.at == 50 * second)
        #expect(origin.reason == "ack deadline expired on delivery 3 of 3")

        let snapshot = broker.snapshot()
        #expect(snapshot.queue("jobs")?.counters.deadLettered == 1)
        #expect(snapshot.queue("jobs")?.attemptsHistogram == [0, 0, 1])
        #expect(snapshot.queue("jobs.dlq")?.deadLetterOf == ["jobs"])
        #expect(snapshot.queue("jobs.dlq")?.waiting == 1)
        #expect(snapshot.queue("jobs.dlq")?.recentDeadLetters.first?.messageId == "p-1")
        #expect(snapshot.queue("jobs.dlq")?.recentDeadLetters.first?.key == "k")
        #expect(broker.drainEvents().contains { $0.kind == .deadLetter && $0.correlationId == "p-1" })
        let inspected = try broker.inspect(.queue(name: "jobs.dlq"))
        #expect(inspected.messages.first?.state == .deadLettered)
        // Its deliveries count the three in jobs, where it failed.
        #expect(inspected.messages.first?.deliveryCount == 3)
        #expect(inspected.messages.first?.history.first == .deadLettered(
            source: "jobs", sequence: origin.sourceSequence, deliveries: 3, firstDelivery: origin.firstDelivery,
            lastDelivery: 40 * second, at: 50 * second, reason: "ack deadline expired on delivery 3 of 3"))
    }

    @Test func terminateStopsRedeliveryAndDeadLettersWithTheReason() throws {
        let (broker, _) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(deadLetterQueue: "dlq"))
        try queue.enqueue(value: bytes("bad"))
        try queue.terminate(try #require(queue.receive(consumer: "a").first).receipt, reason: "unparseable")
        #expect(queue.depth == 0)
        #expect(try broker.queue("dlq").messages().first?.deadLetter?.reason == "terminated: unparseable")

        let plain = try broker.createQueue("plain")
        try plain.enqueue(value: bytes("bad"))
        try plain.terminate(try #require(plain.receive(consumer: "a").first).receipt)
        #expect(plain.depth == 0)
        #expect(broker.snapshot().queue("plain")?.counters.dropped == 1)
    }

    @Test func redriveSendsDeadLettersHomeAtOnceOrAtARate() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(maxDeliveries: 1, deadLetterQueue: "dlq"))
        let dlq = try broker.queue("dlq")
        for i in 0..<5 { try queue.enqueue(value: bytes("m\(i)")) }
        for delivery in queue.receive(consumer: "a", max: 5) { try queue.nack(delivery.receipt) }
        #expect(dlq.depth == 5)
        #expect(throws: BrokerError.notADeadLetterQueue("jobs")) { try queue.redrive() }
        #expect(throws: BrokerError.invalidArgument("redrive rate must be at least one message a day (1/86400 per second), got 1e-12")) {
            try dlq.redrive(perSecond: 1e-12)
        }

        try dlq.redrive(perSecond: 2)
        #expect(queue.depth == 1)  // the first goes at once
        #expect(broker.nextDeadline() == 500 * millisecond)
        clock.set(to: 500 * millisecond)
        broker.processDue()
        #expect(queue.depth == 2)
        clock.set(to: 2 * second)
        broker.processDue()
        #expect(queue.depth == 5)
        #expect(dlq.depth == 0)
        #expect(broker.nextDeadline() == nil)
        let home = queue.receive(consumer: "a", max: 5)
        #expect(home.map { text($0.value) } == ["m0", "m1", "m2", "m3", "m4"])
        #expect(home.allSatisfy { $0.deliveryCount == 1 && $0.deadLetter == nil })
        for delivery in home { try queue.nack(delivery.receipt) }
        try dlq.redrive()
        #expect(queue.depth == 5)
        #expect(broker.drainEvents().filter { $0.kind == .redrive }.map(\.text).count == 4)
    }

    @Test func aFullSourceRefusesRedriveKeepsRoomForItsProducersAndTheLettersKeepTheirAge() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(
            maxDeliveries: 1, deadLetterQueue: "dlq", capacity: 10))
        let dlq = try broker.queue("dlq")
        for i in 0..<5 { try queue.enqueue(value: bytes("m\(i)")) }
        for delivery in queue.receive(consumer: "a", max: 5) { try queue.nack(delivery.receipt) }
        clock.set(to: 5 * second)
        for _ in 0..<6 { try queue.enqueue(value: bytes("fill")) }
        try dlq.redrive()
        // A tenth of the capacity stays for the queue's own producers: 3 letters go home, 2 wait.
        #expect(queue.depth == 9)
        #expect(dlq.depth == 2)
        #expect(broker.snapshot().queue("dlq")?.oldestWaitingAge == 5 * second, "dead-lettered at 0, not restamped at 5 s")
        try queue.enqueue(value: bytes("live"))
        #expect(queue.depth == 10)
        #expect(throws: BrokerError.self) { try queue.enqueue(value: bytes("over")) }
        #expect(broker.nextDeadline() == 6 * second)
        for delivery in queue.receive(consumer: "a", max: 10) { try queue.ack(delivery.receipt) }
        clock.set(to: 6 * second)
        broker.processDue()
        #expect(dlq.depth == 0)
        #expect(queue.messages().map { text($0.value) } == ["m3", "m4"])
    }

    @Test func maxInFlightBoundsWhatOneConsumerHolds() throws {
        let (broker, _) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(maxInFlightPerConsumer: 3))
        for i in 0..<10 { try queue.enqueue(value: bytes("\(i)")) }
        let held = queue.receive(consumer: "a", max: 10)
        #expect(held.count == 3)
        #expect(queue.receive(consumer: "a", max: 10).isEmpty)
        try queue.setMaxInFlight(5, consumer: "b")
        #expect(queue.receive(consumer: "b", max: 10).count == 5)
        try queue.ack(held[0].receipt)
        #expect(queue.receive(consumer: "a", max: 10).count == 1)
        let consumers = try #require(broker.snapshot().queue("jobs")).consumers
        #expect(consumers.map(\.inFlight) == [3, 5])
        #expect(consumers.map(\.maxInFlight) == [3, 5])
        #expect(throws: BrokerError.self) { try queue.setMaxInFlight(0, consumer: "a") }
    }

    @Test func aPausedConsumerReceivesNothing() throws {
        let (broker, _) = makeBroker()
        let queue = try broker.createQueue("jobs")
        try queue.enqueue(value: [1])
        queue.pause(consumer: "a")
        #expect(queue.receive(consumer: "a").isEmpty)
        queue.resume(consumer: "a")
        #expect(queue.receive(consumer: "a").count == 1)
    }

    @Test func aFullQueueRejectsDropsTheOldestOrBlocksAndSaysWhich() throws {
        let (broker, _) = makeBroker()
        let reject = try broker.createQueue("reject", config: QueueConfig(capacity: 2, overflow: .rejectNew))
        let drop = try broker.createQueue("drop", config: QueueConfig(deadLetterQueue: "dropped", capacity: 2, overflow: .dropOldest))
        let block = try broker.createQueue("block", config: QueueConfig(capacity: 2, overflow: .block))
        for queue in [reject, drop, block] {
            try queue.enqueue(value: [1])
            try queue.enqueue(value: [2])
        }
        #expect(throws: BrokerError.queueFull(queue: "reject", capacity: 2)) { try reject.enqueue(value: [3]) }
        #expect(try drop.enqueue(value: [3]) == .enqueuedDroppingOldest(sequence: 3, dropped: 1))
        #expect(try block.enqueue(value: [3]) == .blocked)
        #expect(block.freeCapacity == 0)
        #expect(drop.messages().map(\.value) == [[2], [3]])
        #expect(try broker.queue("dropped").messages().first?.deadLetter?.reason == "dropped by overflow (capacity 2)")
        let snapshot = broker.snapshot()
        #expect(snapshot.queue("reject")?.counters.rejected == 1)
        #expect(snapshot.queue("drop")?.counters.dropped == 1)
        #expect(snapshot.queue("block")?.counters.blocked == 1)
        #expect(block.enqueue(contentsOf: [QueueMessage(value: [4])]).blocked == 1)

        // Drop-oldest can only drop a waiting message.
        _ = drop.receive(consumer: "a", max: 2)
        #expect(throws: BrokerError.queueFullNothingToDrop(queue: "drop", capacity: 2)) { try drop.enqueue(value: [5]) }
    }

    @Test func aDuplicateMessageIdWithinTheWindowIsNotEnqueuedAgain() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs")
        try queue.enqueue(value: [1], messageId: "a")
        #expect(try queue.enqueue(value: [2], messageId: "a") == .duplicate(ofSequence: 1))
        try queue.ack(try #require(queue.receive(consumer: "w").first).receipt)
        clock.set(to: 2 * 60 * second - 1)
        #expect(try queue.enqueue(value: [3], messageId: "a") == .duplicate(ofSequence: 1))
        clock.set(to: 2 * 60 * second)
        #expect(try queue.enqueue(value: [4], messageId: "a") == .enqueued(sequence: 2))
        #expect(broker.snapshot().queue("jobs")?.counters.duplicates == 2)
    }

    @Test func theSnapshotShowsWaitingDelayedInFlightAndAges() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs", config: QueueConfig(capacity: 10, overflow: .dropOldest))
        try queue.enqueue(value: [1])
        clock.set(to: 1 * second)
        try queue.enqueue(value: [2])
        try queue.enqueue(value: [3], delay: 9 * second)
        clock.set(to: 2 * second)
        _ = queue.receive(consumer: "a")
        clock.set(to: 4 * second)
        let snapshot = try #require(broker.snapshot().queue("jobs"))
        #expect((snapshot.waiting, snapshot.delayed, snapshot.inFlight) == (1, 1, 1))
        #expect(snapshot.overflow == .dropOldest)
        #expect(snapshot.capacity == 10)
        #expect(snapshot.oldestWaitingAge == 3 * second)
        #expect(snapshot.oldestUnackedAge == 4 * second)
        #expect(snapshot.depthHistory.samples == [1, 3, 3, 3])
    }

    @Test func badQueueConfigurationIsRefused() throws {
        let (broker, _) = makeBroker()
        #expect(throws: BrokerError.self) { try broker.createQueue("q", config: QueueConfig(ackDeadline: 0)) }
        #expect(throws: BrokerError.self) { try broker.createQueue("q", config: QueueConfig(maxDeliveries: 0)) }
        #expect(throws: BrokerError.self) { try broker.createQueue("q", config: QueueConfig(deadLetterQueue: "q")) }
        #expect(throws: BrokerError.self) {
            try broker.createQueue("q", config: QueueConfig(retry: .exponential(initial: 5, multiplier: 0.5, max: 10, jitter: .none)))
        }
        try broker.createQueue("q")
        #expect(throws: BrokerError.queueExists("q")) { try broker.createQueue("q") }
        #expect(throws: BrokerError.self) { try broker.createQueue("d", config: QueueConfig(deadLetterQueue: "x")).redrive() }
    }
}
