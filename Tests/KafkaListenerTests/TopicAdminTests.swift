import Broker
import Foundation
import KafkaListener
import SluiceModel
import Testing

/// DeleteTopics and CreatePartitions from confluent-kafka's AdminClient (librdkafka 2.16), against the listener.
@Suite(.serialized) struct TopicAdminTests {
    /// Runs a short confluent-kafka program with BOOTSTRAP as argv[1]; returns what it printed.
    static func python(_ program: String, bootstrap: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program, bootstrap]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        KcatTests.killIfStillRunning(process.processIdentifier, after: 60) { process.isRunning }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(said.suffix(1500))")
        return said
    }

    static let admin = """
        import sys
        from confluent_kafka.admin import AdminClient, NewPartitions
        from confluent_kafka import Producer
        admin = AdminClient({"bootstrap.servers": sys.argv[1]})
        """

    @Test(.timeLimit(.minutes(1)))
    func anAdminClientGrowsATopicAndProducesIntoItsNewPartition() throws {
        let broker = Broker(clock: MonotonicClock())
        try broker.createTopic("orders", partitions: 2)
        _ = try broker.produce(topic: "orders", ProducerRecord(value: Array("kept".utf8), partition: 1))
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
        defer { listener.stop() }
        let said = try Self.python(Self.admin + "\n" + """
            admin.create_partitions([NewPartitions("orders", 5)])["orders"].result(10)
            try:
                admin.create_partitions([NewPartitions("orders", 3)])["orders"].result(10)
                print("shrunk")
            except Exception as error:
                print("refused:", error.args[0].name())
            print("partitions", len(admin.list_topics(timeout=10).topics["orders"].partitions))
            producer = Producer({"bootstrap.servers": sys.argv[1]})
            producer.produce("orders", value=b"new", partition=4)
            print("unsent", producer.flush(10))
            """, bootstrap: "127.0.0.1:\(listener.port)")
        #expect(said.contains("refused: INVALID_PARTITIONS"), "\(said)")
        #expect(said.contains("partitions 5"), "\(said)")
        #expect(said.contains("unsent 0"), "\(said)")
        let orders = try broker.topic("orders")
        #expect(orders.partitionCount == 5)
        #expect(try orders.logEndOffset(partition: 1) == 1, "the old partitions keep their records")
        #expect(try orders.logEndOffset(partition: 4) == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func anAdminClientDeletesATopicAndItsGroupsCommittedOffsetsGoWithIt() throws {
        let broker = Broker(clock: MonotonicClock())
        try broker.createTopic("scratch", partitions: 1)
        try broker.createTopic("kept", partitions: 1)
        try broker.clientGroups.group("g").commit(memberId: "", generation: -1, offsets: [
            ClientGroupOffset(topic: "scratch", partition: 0, offset: 3), ClientGroupOffset(topic: "kept", partition: 0, offset: 0),
        ])
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
        defer { listener.stop() }
        let said = try Self.python(Self.admin + "\n" + """
            admin.delete_topics(["scratch"])["scratch"].result(10)
            try:
                admin.delete_topics(["missing"])["missing"].result(10)
            except Exception as error:
                print("refused:", error.args[0].name())
            print("topics", sorted(admin.list_topics(timeout=10).topics))
            """, bootstrap: "127.0.0.1:\(listener.port)")
        #expect(said.contains("refused: UNKNOWN_TOPIC_OR_PART"), "\(said)")
        #expect(said.contains("topics ['kept']"), "\(said)")
        #expect(broker.clientGroups.existing("g")?.committedOffsets().map(\.key.topic) == ["kept"])
    }

    @Test(.timeLimit(.minutes(1)))
    func aLogAppendTimeTopicStampsRecordsWithTheBrokersTimeNotTheProducers() throws {
        let broker = Broker(clock: EpochClock())
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
        defer { listener.stop() }
        let startedMs = broker.now / NanosPerUnit.millisecond
        let said = try Self.python(Self.admin + "\n" + """
            from confluent_kafka import Consumer, TIMESTAMP_LOG_APPEND_TIME, TIMESTAMP_CREATE_TIME
            from confluent_kafka.admin import NewTopic, ConfigResource
            admin.create_topics([NewTopic("stamped", 1, 1, config={"message.timestamp.type": "LogAppendTime"}),
                                 NewTopic("created", 1, 1)])["stamped"].result(10)
            resource = ConfigResource("topic", "stamped")
            print("config", admin.describe_configs([resource])[resource].result(10)["message.timestamp.type"].value)
            producer = Producer({"bootstrap.servers": sys.argv[1]})
            for topic in ("stamped", "created"):
                producer.produce(topic, value=b"old", timestamp=1000)
            producer.flush(10)
            for topic in ("stamped", "created"):
                consumer = Consumer({"bootstrap.servers": sys.argv[1], "group.id": "t-" + topic, "auto.offset.reset": "earliest"})
                consumer.subscribe([topic])
                message = None
                while message is None or message.error():
                    message = consumer.poll(1)
                kind, ms = message.timestamp()
                print(topic, "append" if kind == TIMESTAMP_LOG_APPEND_TIME else "create" if kind == TIMESTAMP_CREATE_TIME else kind, ms)
                consumer.close()
            """, bootstrap: "127.0.0.1:\(listener.port)")
        #expect(said.contains("config LogAppendTime"), "\(said)")
        #expect(said.contains("created create 1000"), "the producer's own time on a CreateTime topic: \(said)")
        let stamped = said.split(separator: "\n").first { $0.hasPrefix("stamped append ") }
        let stampedMs = stamped.flatMap { Int64($0.split(separator: " ").last ?? "") } ?? 0
        #expect(stampedMs >= startedMs && stampedMs <= broker.now / NanosPerUnit.millisecond, "the broker's time: \(said)")
    }

    @Test func aTopicASimulatedGroupReadsIsNeitherDeletedNorGrown() throws {
        let broker = Broker(clock: ManualClock())
        try broker.createTopic("orders", partitions: 2)
        try broker.createGroup("billing", topic: "orders")
        #expect(throws: BrokerError.invalidArgument("topic 'orders' is read by the simulated group 'orders/billing'")) {
            try broker.deleteTopic("orders")
        }
        #expect(throws: BrokerError.self) { try broker.addPartitions(to: "orders", count: 4) }
        #expect(try broker.topic("orders").partitionCount == 2)
    }
}
