import Broker
import SluiceModel
import Testing

/// Many seeded random operation sequences, checking the broker's promises after every step.
@Suite struct RandomizedInvariantTests {
    static let seeds: [UInt64] = Array(1...40)

    // MARK: Streams

    @Test(arguments: seeds)
    func streamsLoseNothingKeepOffsetsGapFreeAndKeepPerKeyOrder(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let (broker, clock) = makeBroker(seed: seed)
        let topic = try broker.createTopic("t", partitions: Int.random(in: 1...4, using: &random))
        let group = try broker.createGroup("g", topic: "t", strategy: AssignmentStrategy.allCases.randomElement(using: &random) ?? .range)
        var acknowledged: [String: (partition: Int, offset: Int64)] = [:]  // record value -> where it went
        var lastSequenceOfKey: [String: Int] = [:]
        var partitionOfKey: [String: Int] = [:]
        var members: [String] = []
        var nextValue = 0

        func record(key: String?, id: String?) -> ProducerRecord {
            nextValue += 1
            return ProducerRecord(key: key.map(bytes), value: bytes("\(key ?? "-"):\(nextValue)"), messageId: id)
        }

        for _ in 0..<300 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0...3:
                let key = Bool.random(using: &random) ? "k\(Int.random(in: 0..<5, using: &random))" : nil
                let id = Int.random(in: 0..<4, using: &random) == 0 ? "id\(Int.random(in: 0..<20, using: &random))" : nil
                let produced = record(key: key, id: id)
                switch try topic.produce(produced) {
                case .appended(let partition, let offset):
                    acknowledged[text(produced.value)] = (partition, offset)
                case .duplicate(let partition, let offset):
                    let original = try #require(topic.read(partition: partition, from: offset, max: 1).first)
                    #expect(original.messageId == id)
                }
            case 4:
                let batch = (0..<Int.random(in: 1...20, using: &random)).map { _ in
                    record(key: Bool.random(using: &random) ? "k\(Int.random(in: 0..<5, using: &random))" : nil, id: nil)
                }
                #expect(topic.produce(contentsOf: batch).appended == batch.count)
                // Where a batch went is found by reading; register it below, when the log is checked.
                for produced in batch { acknowledged[text(produced.value)] = (-1, -1) }
            case 5:
                let member = "m\(Int.random(in: 0..<4, using: &random))"
                if members.contains(member) {
                    try group.leave(member: member)
                    members.removeAll { $0 == member }
                } else {
                    group.join(member: member)
                    members.append(member)
                }
            case 6...7:
                guard let member = members.randomElement(using: &random) else { continue }
                let batch = try group.poll(member: member, max: Int.random(in: 1...10, using: &random))
                if Bool.random(using: &random) { try group.commit(batch) }
            case 8:
                let partition = Int.random(in: 0..<topic.partitionCount, using: &random)
                try group.seek(partition: partition, to: .offset(Int64.random(in: 0...(try topic.logEndOffset(partition: partition)), using: &random)))
            default:
                clock.advance(by: Int64.random(in: 0...(10 * second), using: &random))
            }
        }

        // Every partition reads back gap-free from 0, and every acknowledged record is in it.
        var found: [String: (partition: Int, offset: Int64)] = [:]
        for partition in 0..<topic.partitionCount {
            let logEnd = try topic.logEndOffset(partition: partition)
            let records = try topic.read(partition: partition, from: 0, max: Int(logEnd) + 1)
            #expect(records.map(\.offset) == Array(0..<logEnd))
            for stored in records {
                let value = text(stored.value)
                found[value] = (partition, stored.offset)
                guard let key = stored.key.map(text) else { continue }
                let sequence = Int(value.split(separator: ":").last ?? "") ?? -1
                #expect(sequence > lastSequenceOfKey[key, default: 0], "key \(key) out of order in partition \(partition)")
                lastSequenceOfKey[key] = sequence
                #expect(partitionOfKey[key, default: partition] == partition, "key \(key) in two partitions")
                partitionOfKey[key] = partition
            }
        }
        for (value, place) in acknowledged {
            let stored = try #require(found[value], "acknowledged record \(value) lost")
            if place.partition >= 0 { #expect(stored == place) }
        }
        #expect(found.count == acknowledged.count)
        for partition in 0..<topic.partitionCount {
            #expect(try group.committedOffset(partition: partition) <= topic.logEndOffset(partition: partition))
        }
    }

    // MARK: Work queues

    @Test(arguments: seeds)
    func everyQueueMessageIsInExactlyOnePlace(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let (broker, clock) = makeBroker(seed: seed)
        let overflow = OverflowPolicy.allCases.randomElement(using: &random) ?? .rejectNew
        let queue = try broker.createQueue("q", config: QueueConfig(
            ackDeadline: 5 * second, maxDeliveries: Int.random(in: 1...4, using: &random), deadLetterQueue: "dlq",
            retry: .exponential(initial: 100 * millisecond, multiplier: 2, max: 3 * second, jitter: .full),
            capacity: Int.random(in: 5...40, using: &random), overflow: overflow, maxInFlightPerConsumer: 6))
        let dlq = try broker.queue("dlq")
        var accepted: Set<String> = []
        var acked: Set<String> = []
        var held: [Delivery] = []
        var nextId = 0

        for step in 0..<400 {
            switch Int.random(in: 0..<12, using: &random) {
            case 0...2:
                let repeatId = nextId > 0 && Int.random(in: 0..<5, using: &random) == 0
                let id = repeatId ? "id\(Int.random(in: 0..<nextId, using: &random))" : "id\(nextId)"
                if !repeatId { nextId += 1 }
                let delay = Bool.random(using: &random) ? Int64.random(in: 0...(2 * second), using: &random) : nil
                switch Result(catching: { () throws(BrokerError) in
                    try queue.enqueue(QueueMessage(value: bytes(id), messageId: id, delay: delay))
                }) {
                case .success(.enqueued), .success(.enqueuedDroppingOldest):
                    #expect(!accepted.contains(id), "\(id) accepted twice")
                    accepted.insert(id)
                case .success(.duplicate), .success(.blocked):
                    break
                case .failure(let error):
                    #expect(overflow != .block, "\(error)")
                }
            case 3...4:
                held += queue.receive(consumer: "c\(Int.random(in: 0..<3, using: &random))", max: Int.random(in: 1...5, using: &random))
            case 5...6:
                guard let delivery = held.popLast() else { continue }
                // A failed ack means its deadline passed first: it was redelivered or dead-lettered meanwhile.
                if (try? queue.ack(delivery.receipt)) != nil { acked.insert(text(delivery.value)) }
            case 7:
                guard let delivery = held.popLast() else { continue }
                let delay = Bool.random(using: &random) ? Int64.random(in: 0...second, using: &random) : nil
                try? queue.nack(delivery.receipt, delay: delay)
            case 8:
                guard let delivery = held.randomElement(using: &random) else { continue }
                _ = try? queue.inProgress(delivery.receipt)
            case 9:
                guard let delivery = held.popLast() else { continue }
                try? queue.terminate(delivery.receipt, reason: "random")
            case 10:
                if Int.random(in: 0..<4, using: &random) == 0 {
                    try? dlq.redrive(perSecond: Bool.random(using: &random) ? Double.random(in: 0.5...20, using: &random) : nil)
                } else {
                    broker.processDue()
                }
            default:
                if let due = broker.nextDeadline(), Bool.random(using: &random) {
                    clock.set(to: due)
                } else {
                    clock.advance(by: Int64.random(in: 0...(3 * second), using: &random))
                }
            }
            // Each queue applies its due work when touched; processDue() settles all of them at once.
            broker.processDue()
            try checkEveryMessageIsInOnePlace(queue: queue, dlq: dlq, accepted: accepted, acked: acked, step: step)
        }
    }

    private func checkEveryMessageIsInOnePlace(queue: WorkQueue, dlq: WorkQueue, accepted: Set<String>, acked: Set<String>,
                                               step: Int) throws {
        let inQueue = queue.messages(limit: .max)
        let inDLQ = dlq.messages(limit: .max)
        var places: [String: [String]] = [:]
        for message in inQueue { places[message.messageId ?? "?", default: []].append("queue:\(message.state.rawValue)") }
        for message in inDLQ { places[message.messageId ?? "?", default: []].append("dead-lettered") }
        for id in acked { places[id, default: []].append("acked") }
        for id in accepted {
            #expect(places[id]?.count == 1, "step \(step): \(id) is in \(places[id] ?? [])")
        }
        #expect(Set(places.keys).isSubset(of: accepted), "step \(step): unknown messages")
        let snapshot = queue.snapshot()
        #expect(snapshot.waiting == inQueue.filter { $0.state == .waiting }.count)
        #expect(snapshot.delayed == inQueue.filter { $0.state == .delayed }.count)
        #expect(snapshot.inFlight == inQueue.filter { $0.state == .inFlight }.count)
        if let capacity = queue.config.capacity { #expect(inQueue.count <= capacity) }
    }
}
