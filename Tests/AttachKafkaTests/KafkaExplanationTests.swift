#if Kafka
import AttachKafka
import Broker
import CRdKafka
import Dashboard
import KafkaListener
import SluiceModel
import Testing

/// `e` on a Kafka attach: every row with a number on every panel explains it, and each explanation names the
/// cluster's own figures it comes from; the numbers in it are the cluster's (read by a separate client).
@Suite(.serialized)
struct KafkaExplanationTests {
    static let second = NanosPerUnit.second
    /// What an origin must name: a figure the cluster reports, or that Kafka keeps no such figure.
    static let clusterFigures = ["high watermark", "low watermark", "OffsetFetch", "ListOffsets", "Metadata",
                                 "DescribeGroups", "not reported by Kafka", "not recorded by Kafka", "not a Kafka figure"]

    @Test func everyFigureOnEveryPanelIsTracedToTheClustersFigures() throws {
        let broker = Broker(clock: MonotonicClock())
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0, defaultPartitions: 2))
        defer { listener.stop() }
        let bootstraps = "127.0.0.1:\(listener.port)"
        let producer = try TestKafkaClient(bootstraps: bootstraps)
        var random = SeededGenerator(seed: 13)
        let records = 20 + Int(random.next() % 20)
        for index in 0..<records { try producer.produce("orders", partition: RD_KAFKA_PARTITION_UA, key: "k\(index)", value: "o\(index)") }
        for index in 0..<(1 + Int(random.next() % 6)) { try producer.produce("orders.dlq", partition: 0, value: "d\(index)") }
        try producer.produce("orders-retry-1", partition: 0, value: "again")
        let member = try TestKafkaClient(bootstraps: bootstraps, consumerGroup: "billing", clientID: "billing-a")
        member.subscribe("orders")
        let consumed = records / 3
        #expect(member.consumeAndCommit(consumed) == consumed)
        #expect(member.serve(untilAssigned: true))

        let backend = try KafkaBackend(options: KafkaConnectionOptions(url: "kafka://" + bootstraps, pollInterval: Self.second))
        backend.advance(wallNanos: Self.second)
        _ = backend.send(.inspect(.partition(topic: "orders", partition: 0, fromOffset: 0)))
        let snapshot = backend.snapshot()
        #expect(snapshot.source.figureOrigins?.reporter == "the Kafka cluster")

        #expect(Explainer.untracedFigures(snapshot, naming: Self.clusterFigures) == [])
        let explainedKinds = Set(Explainer.everyRow(snapshot).filter { $0.explained != nil }.map(\.panel.rawValue))
        #expect(explainedKinds.isSuperset(of: ["partitions", "groups", "throughput", "retries", "queues", "inspector"]))

        // The arithmetic shown is on the cluster's figures, as a separate client reads them.
        let group = try #require(snapshot.groups.first { $0.id == GroupID("billing") })
        let committed = member.committed("orders", partitions: group.partitions.map { Int32($0.partition) })
        for part in group.partitions {
            let marks = try producer.watermarks("orders", Int32(part.partition))
            let offset = committed[part.partition].flatMap { $0 >= 0 ? $0 : nil } ?? marks.low
            let explained = try #require(Explainer.explain(.partitions, .partition(topic: "orders", index: part.partition), snapshot))
            #expect(explained.facts.contains { $0.hasPrefix("billing: lag = \(marks.high) - \(offset) = \(marks.high - offset)") },
                    "\(explained.facts)")
            #expect(explained.facts.first?.hasPrefix("log start \(marks.low), log end \(marks.high)") == true)
        }
        let letters = try producer.watermarks("orders.dlq", 0)
        let dlq = try #require(Explainer.explain(.queues, .queue("orders.dlq"), snapshot))
        #expect(dlq.facts.first?.contains("depth = waiting \(letters.high - letters.low) ") == true, "\(dlq.facts)")
        let lag = try #require(Explainer.explain(.groups, .group(.group(GroupID("billing"))), snapshot))
        #expect(lag.facts.first?.hasSuffix("= \(records - consumed)") == true, "\(lag.facts)")
        let rates = try #require(Explainer.explain(.throughput, nil, snapshot))
        #expect(rates.facts.first?.contains("(between the last two polls (1s apart))") == true, "\(rates.facts)")
    }
}
#endif
