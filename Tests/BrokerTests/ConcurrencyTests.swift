import Broker
import SluiceModel
import Testing

/// Several threads at once: per-partition and per-queue locks must keep every promise.
@Suite struct ConcurrencyTests {
    @Test func concurrentProducersAndConsumersLoseNothing() async throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 4)
        let group = try broker.createGroup("g", topic: "t", strategy: .roundRobin)
        for member in 0..<2 { group.join(member: "m\(member)") }
        let producers = 4
        let perProducer = 5_000
        let consumed = await withTaskGroup(of: Int.self) { tasks in
            for producer in 0..<producers {
                tasks.addTask {
                    for i in 0..<perProducer / 100 {
                        let batch = (0..<100).map { ProducerRecord(key: bytes("p\(producer)-k\($0 % 7)"), value: bytes("\(i * 100 + $0)")) }
                        _ = topic.produce(contentsOf: batch)
                    }
                    return 0
                }
            }
            for member in 0..<2 {
                tasks.addTask {
                    var seen = 0
                    var batch = RecordBatch()
                    for _ in 0..<2_000 {
                        try? group.poll(member: "m\(member)", max: 50, into: &batch)
                        seen += batch.count
                        try? group.commit(batch)
                    }
                    return seen
                }
            }
            return await tasks.reduce(0, +)
        }
        let total = try (0..<4).reduce(Int64(0)) { $0 + (try topic.logEndOffset(partition: $1)) }
        #expect(total == Int64(producers * perProducer))
        #expect(Int64(consumed) + group.totalLag == total)
        // Per key, values stay in the order each producer wrote them.
        for partition in 0..<4 {
            var lastByKey: [String: Int] = [:]
            for record in try topic.read(partition: partition, from: 0, max: Int(total)) {
                let key = text(record.key ?? [])
                let value = Int(text(record.value)) ?? -1
                #expect(value > lastByKey[key, default: -1])
                lastByKey[key] = value
            }
        }
    }

    @Test func concurrentQueueWorkersAckEveryMessageExactlyOnce() async throws {
        let (broker, _) = makeBroker()
        let queue = try broker.createQueue("jobs")
        let messages = 20_000
        let acked = await withTaskGroup(of: [Int64].self) { tasks in
            tasks.addTask {
                for start in stride(from: 0, to: messages, by: 100) {
                    _ = queue.enqueue(contentsOf: (start..<start + 100).map { QueueMessage(value: bytes("\($0)")) })
                }
                return []
            }
            for worker in 0..<3 {
                tasks.addTask {
                    var mine: [Int64] = []
                    var idle = 0
                    while idle < 2_000 {
                        let deliveries = queue.receive(consumer: "w\(worker)", max: 32)
                        if deliveries.isEmpty { idle += 1 } else { idle = 0 }
                        if (try? queue.ack(deliveries)) == deliveries.count { mine += deliveries.map(\.sequence) }
                    }
                    return mine
                }
            }
            return await tasks.reduce([], +)
        }
        #expect(acked.count == messages)
        #expect(Set(acked).count == messages)
        #expect(queue.depth == 0)
    }
}
