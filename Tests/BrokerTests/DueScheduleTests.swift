import Broker
import SluiceModel
import Testing

/// The broker's next deadline comes from its own schedule, not from asking every queue and topic:
/// checked against asking every queue, over a seeded mix of deliveries, acks, nacks and delays.
@Suite struct DueScheduleTests {
    @Test func theNextDeadlineIsTheEarliestDueTimeOfAnyQueueThroughASeededWorkload() throws {
        let (broker, clock) = makeBroker()
        let queues = try (0..<40).map { index in
            try broker.createQueue("q\(index)", config: QueueConfig(
                ackDeadline: Nanos(1 + index % 7) * second, retry: .schedule([300 * millisecond, 2 * second])))
        }
        var random = SeededGenerator(seed: 7)
        var inFlight: [(WorkQueue, Delivery)] = []
        var checked = 0
        for _ in 0..<4000 {
            let queue = queues[random.nextIndex(below: queues.count)]
            switch random.nextIndex(below: 6) {
            case 0, 1:
                let delay: Nanos? = random.nextIndex(below: 3) == 0 ? Nanos(random.nextIndex(below: 5000)) * millisecond : nil
                try queue.enqueue(value: bytes("m"), delay: delay)
            case 2:
                inFlight += queue.receive(consumer: "c", max: 2).map { (queue, $0) }
            case 3 where !inFlight.isEmpty:
                let (owner, delivery) = inFlight.remove(at: random.nextIndex(below: inFlight.count))
                try? owner.ack(delivery.receipt)  // may have expired meanwhile: that is the point
            case 4 where !inFlight.isEmpty:
                let (owner, delivery) = inFlight.remove(at: random.nextIndex(below: inFlight.count))
                try? owner.nack(delivery.receipt)
            default:
                clock.advance(by: Nanos(random.nextIndex(below: 800)) * millisecond)
                broker.processDue()
            }
            // Asking each queue applies its due work first, so the schedule is asked second.
            let expected = queues.compactMap(\.nextDueTime).min()
            #expect(broker.nextDeadline() == expected)
            checked += expected == nil ? 0 : 1
        }
        #expect(checked > 3000, "the workload kept something scheduled most of the time")
    }

    @Test func anAgeRetainedPartitionIsDueWhenItsOldestRecordExpires() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("events", partitions: 100, retention: Retention(maxAge: 10 * second))
        #expect(broker.nextDeadline() == nil)
        clock.advance(by: 2 * second)
        try topic.produce(ProducerRecord(value: [1], partition: 77))
        clock.advance(by: 1 * second)
        try topic.produce(ProducerRecord(value: [2], partition: 77))
        #expect(broker.nextDeadline() == 12 * second)
        clock.set(to: 12 * second)
        broker.processDue()
        #expect(broker.nextDeadline() == 13 * second, "the second record is next")
        let partition = try #require(broker.snapshot().topics.first?.partitions[77])
        #expect(partition.logStartOffset == 1)
    }
}
