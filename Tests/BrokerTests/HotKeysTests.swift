import Broker
import SluiceModel
import Testing

/// A partition's hottest keys, sampled: the true top key comes first, with an estimate near its count.
@Suite struct HotKeysTests {
    @Test func theHottestKeyOfAPartitionIsFoundWithACountNearTheTruth() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("orders", partitions: 1)
        var generator = SeededGenerator(seed: 7)
        var truth: [String: Int64] = [:]
        for _ in 0..<20_000 {
            // Half the records carry one customer's key, the rest spread over 300 others.
            let key = generator.next() % 2 == 0 ? "whale" : "c\(generator.next() % 300)"
            truth[key, default: 0] += 1
            try topic.produce(ProducerRecord(key: Array(key.utf8), value: [1], partition: 0))
        }
        let partition = try #require(broker.snapshot().topics.first?.partitions.first)
        let top = try #require(partition.hotKeys.first)
        #expect(String(decoding: top.key, as: UTF8.self) == "whale")
        let actual = try #require(truth["whale"])
        #expect(abs(Double(top.records - actual)) / Double(actual) < 0.1, "estimated \(top.records), actual \(actual)")
        #expect(partition.hotKeys.count <= 8, "a few slots, however many keys")
    }

    @Test func eachPartitionHandsOutAtItsOwnRate() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("orders", partitions: 2)
        let group = try broker.createGroup("g", topic: "orders")
        group.join(member: "a")
        for step in 0..<40 {
            clock.set(to: Int64(step) * 100 * millisecond)
            for _ in 0..<3 { try topic.produce(ProducerRecord(value: [1], partition: 0)) }
            try topic.produce(ProducerRecord(value: [1], partition: 1))
            try group.commit(try group.poll(member: "a", max: 100))
        }
        let partitions = try #require(broker.snapshot().group(id: GroupID("g", stream: "orders"))).partitions
        // 30 and 10 records a second, over the meter's window.
        #expect(abs(partitions[0].consumedPerSecond - 30) < 3, "\(partitions[0].consumedPerSecond)")
        #expect(abs(partitions[1].consumedPerSecond - 10) < 1.5, "\(partitions[1].consumedPerSecond)")
    }
}
