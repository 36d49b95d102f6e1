import Broker
import SluiceModel
import Testing

/// `heldResidence` is a running sum the queue keeps as messages come and go; it must equal the same sum
/// taken over every message `messages` lists, whichever way messages arrived (enqueue, delay, dead letter,
/// redrive home with their old age) or left (ack, dead letter, drop-oldest, purge).
@Suite struct HeldResidenceTests {
    /// The sum read the slow way: every held message, from `start` or its enqueue, to `now`.
    private static func listed(_ queue: WorkQueue, since start: Nanos, until now: Nanos) -> Int64 {
        queue.messages(limit: .max).reduce(Int64(0)) { $0 + now - max($1.enqueuedAt, start) }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func theKeptSumIsTheListedSumThroughEveryWayInAndOut(seed: UInt64) throws {
        let (broker, clock) = makeBroker(seed: seed)
        let jobs = try broker.createQueue("jobs", config: QueueConfig(
            ackDeadline: 2 * second, maxDeliveries: 2, deadLetterQueue: "jobs.dlq", capacity: 40, overflow: .dropOldest))
        let dlq = try broker.queue("jobs.dlq")
        var random = SeededGenerator(seed: seed)
        var held: [Delivery] = []
        // Messages enqueued before the window's start count from it; those after, from their enqueue.
        let windowStart = 3 * second
        var compared = 0
        for step in 0..<600 {
            clock.advance(by: Nanos(random.nextIndex(below: 400)) * millisecond)
            switch random.nextIndex(below: 10) {
            case 0, 1, 2: _ = try? jobs.enqueue(value: [UInt8(step % 256)], delay: random.nextIndex(below: 4) == 0 ? second : nil)
            case 3, 4: held += jobs.receive(consumer: "w", max: Int(random.nextIndex(below: 3)) + 1)
            case 5: if let delivery = held.popLast() { try? jobs.ack(delivery.receipt) }
            case 6: if let delivery = held.popLast() { try? jobs.nack(delivery.receipt) }
            case 7: if random.nextIndex(below: 8) == 0 { jobs.purge() }
            case 8: if random.nextIndex(below: 6) == 0, dlq.depth > 0 { try dlq.redrive() }
            default: broker.processDue()
            }
            let now = clock.now()
            // Settle the instant first: a redrive step that falls due moves letters out and, when their source
            // is full, back in, and the two reads below must see the same messages.
            broker.processDue()
            // The dead-letter queue is asked from time zero throughout; jobs from zero, then from the window's
            // start once it has opened (a new start reads every message once, then keeps that sum instead).
            for (queue, start) in [(jobs, now >= windowStart ? windowStart : 0), (dlq, 0)] {
                #expect(queue.heldResidence(since: start, until: now) == Self.listed(queue, since: start, until: now),
                        "seed \(seed) step \(step) \(queue.name) since \(start)")
                compared += 1
            }
        }
        let counters = broker.snapshot().queue("jobs")?.counters
        #expect((counters?.acked ?? 0) > 0 && (counters?.deadLettered ?? 0) > 0, "every way out was taken")
        #expect(compared == 1200)
    }

    @Test func anEmptyQueueHasHeldNothing() throws {
        let (broker, clock) = makeBroker()
        let queue = try broker.createQueue("jobs")
        clock.set(to: 10 * second)
        #expect(queue.heldResidence(since: 0, until: clock.now()) == 0)
        try queue.enqueue(value: [1])
        clock.set(to: 12 * second)
        #expect(queue.heldResidence(since: 0, until: clock.now()) == 2 * second)
        #expect(queue.heldResidence(since: 11 * second, until: clock.now()) == 1 * second)
        try queue.ack(try #require(queue.receive(consumer: "w").first).receipt)
        #expect(queue.heldResidence(since: 11 * second, until: clock.now()) == 0)
    }
}
