#if Kafka
import AttachKafka
import Broker
import CRdKafka
import KafkaListener
import SluiceModel
import Testing

/// Browsing a partition from a time: the first record shown is the one the cluster itself names for that
/// time (offsetsForTimes through a separate plain client). On Sluice's own listener, which answers ListOffsets
/// by timestamp; librdkafka 2.0.2's mock cluster answers -1 (no record) for every time.
@Suite(.serialized)
struct KafkaBrowseFromTimeTests {
    @Test func browsingFromATimeStartsAtTheOffsetTheClusterNamesForIt() throws {
        let broker = Broker(clock: EpochClock())
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
        defer { listener.stop() }
        _ = try broker.createTopic("clicks", partitions: 2)
        let bootstraps = "127.0.0.1:\(listener.port)"
        do {
            let client = try TestKafkaClient(bootstraps: bootstraps)
            var random = SeededGenerator(seed: 29)
            let early = 3 + Int(random.next() % 8), late = 2 + Int(random.next() % 8)
            for index in 0..<early { try client.produce("clicks", partition: 1, value: "early-\(index)") }
            // Every early record was stamped by now; wait for the next millisecond so the later ones come after.
            let between = SystemTime.epochNanos() / NanosPerUnit.millisecond + 1
            #expect(eventually(seconds: 2) { SystemTime.epochNanos() / NanosPerUnit.millisecond > between })
            for index in 0..<late { try client.produce("clicks", partition: 1, value: "late-\(index)") }

            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: "kafka://" + bootstraps))
            let runTime = between * NanosPerUnit.millisecond - backend.epochAtStart
            // The time lies before the attach: a negative run time.
            #expect(runTime < 0)
            let outcome = backend.send(.inspect(.partition(topic: "clicks", partition: 1, from: .time(runTime))))
            guard case .done(let text) = outcome else { Issue.record("browse failed: \(outcome)"); return }
            let expected = try #require(client.offsetForTime("clicks", partition: 1, epochMillis: between))
            #expect(expected == Int64(early))
            #expect(text.contains("from offset \(expected) (the first at or after -"))
            let page = try #require(backend.snapshot().inspection)
            #expect(page.messages.first?.offset == expected)
            #expect(page.messages.map { String(decoding: $0.value, as: UTF8.self) } == (0..<late).map { "late-\($0)" })
            #expect(page.before == early && page.total == early + late)
            #expect(page.messages.allSatisfy { $0.timestamp >= runTime && $0.timestamp < 0 })

            // Kafka has no ids besides offsets: an id is refused in words.
            #expect(backend.snapshot().capabilities.entryID == nil)
            let refused = backend.send(.inspect(.partition(topic: "clicks", partition: 1, from: .entryID("1-0"))))
            #expect(refused == .failed("Kafka names records by partition and offset: start from an offset or a time"))
        }
    }
}

extension TestKafkaClient {
    /// The offset the cluster names for a time: the first record at or after it (offsetsForTimes).
    func offsetForTime(_ topic: String, partition: Int32, epochMillis: Int64) -> Int64? {
        let list = rd_kafka_topic_partition_list_new(1)!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        rd_kafka_topic_partition_list_add(list, topic, partition).pointee.offset = epochMillis
        guard rd_kafka_offsets_for_times(handle, list, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR,
              list.pointee.elems[0].err == RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return list.pointee.elems[0].offset
    }
}
#endif
