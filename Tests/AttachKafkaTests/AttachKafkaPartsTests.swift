import AttachKafka
import AttachSupport
import SluiceModel
import Testing

/// The parts that need no cluster: URL and flag checks, dead-letter naming, the mapping of polls to the
/// snapshot, and the text report.
@Suite struct AttachKafkaPartsTests {
    static let second = NanosPerUnit.second

    @Test func theURLNamesBrokersAsHostAndPort() throws {
        let options = KafkaConnectionOptions(url: "kafka://a.example:9092, b.example:9093")
        try options.validate()
        #expect(options.bootstrapServers == ["a.example:9092", "b.example:9093"])
        #expect(options.displayURL == "kafka://a.example:9092,b.example:9093")
        #expect(options.clientSettings.first { $0.key == "bootstrap.servers" }?.value == "a.example:9092,b.example:9093")
    }

    @Test(arguments: [
        ("nats://h:4222", "is not a Kafka URL"), ("kafka://", "names no broker"), ("kafka://h", "is not HOST:PORT"),
        ("kafka://h:99999", "port from 1 to 65535"), ("kafka://user:pw@h:9092", "carries credentials"),
        ("kafka://h:9092,", "names no broker"), ("kafka://h:9092/x", "is not HOST:PORT"),
    ])
    func aBadURLIsRefusedInWords(url: String, words: String) {
        #expect(throws: AttachError.self) { try KafkaConnectionOptions(url: url).validate() }
        do { try KafkaConnectionOptions(url: url).validate() } catch { #expect(error.message.contains(words), "\(error.message)") }
    }

    @Test func saslNeedsAUserAndAPasswordAndSetsTheProtocol() throws {
        #expect(throws: AttachError.self) {
            try KafkaConnectionOptions(url: "kafka://h:9092", saslMechanism: .scramSHA512, user: "alice").validate()
        }
        #expect(throws: AttachError.self) { try KafkaConnectionOptions(url: "kafka://h:9092", user: "alice", password: "p").validate() }
        // validate() only asks that the CA file be readable; librdkafka reads the PEM (e2e-kafka-tls-scram).
        let readable = #filePath
        let options = KafkaConnectionOptions(url: "kafka://h:9092", saslMechanism: .scramSHA256, user: "alice", password: "p",
                                             tlsCAFile: readable)
        try options.validate()
        let settings = Dictionary(uniqueKeysWithValues: options.clientSettings.map { ($0.key, $0.value) })
        #expect(settings["security.protocol"] == "sasl_ssl")
        #expect(settings["sasl.mechanisms"] == "SCRAM-SHA-256")
        #expect(settings["ssl.ca.location"] == readable)
        #expect(throws: AttachError("--tls-ca: cannot read '/nonexistent/ca.pem' (expected a PEM file of certificate authorities)")) {
            try KafkaConnectionOptions(url: "kafka://h:9092", tlsCAFile: "/nonexistent/ca.pem").validate()
        }
        #expect(KafkaConnectionOptions(url: "kafka://h:1", tlsCAFile: "/ca").securityProtocol == "ssl")
        #expect(SASLMechanism(flag: "scram-sha-512") == .scramSHA512)
        #expect(SASLMechanism(flag: "GSSAPI") == nil)
    }

    @Test func everyRequestTimeoutIsAtMostTwoSeconds() {
        #expect(KafkaConnectionOptions(url: "kafka://h:1", requestTimeoutMillis: 30_000).requestTimeoutMillis == 2000)
    }

    @Test func deadLetterTopicsFollowTheConventionsAndAPattern() throws {
        let naming = DeadLetterNaming()
        #expect(naming.source(ofDeadLetterTopic: "orders.dlq") == "orders")
        #expect(naming.source(ofDeadLetterTopic: "orders-dlt") == "orders")
        #expect(naming.source(ofDeadLetterTopic: "orders.DLT") == "orders")
        #expect(naming.source(ofDeadLetterTopic: "orders") == nil)
        #expect(naming.source(ofDeadLetterTopic: ".dlq") == nil)
        let custom = DeadLetterNaming(given: [try DeadLetterPattern(parsing: "dead.*")])
        #expect(custom.source(ofDeadLetterTopic: "dead.payments") == "payments")
        #expect(custom.source(ofDeadLetterTopic: "payments.dlq") == "payments")
        #expect(DeadLetterNaming.source(ofRetryTopic: "orders-retry-2") == "orders")
        #expect(DeadLetterNaming.source(ofRetryTopic: "orders-retry") == "orders")
        #expect(DeadLetterNaming.source(ofRetryTopic: "orders-2") == nil)
    }

    /// Two polls a second apart: rates from offset deltas, lag per partition, dead letters paired with their source.
    @Test func pollsBecomeTopicsGroupsAndDeadLetterQueues() throws {
        var history = ClusterHistory()
        let members = [GroupMemberFacts(memberID: "m-1", clientID: "billing-1", host: "/10.0.0.7",
                                        assignment: [TopicPartition("orders", 0), TopicPartition("orders", 1)])]
        func poll(at: Nanos, ends: [Int64], committed: [Int64], dead: Int64) -> ClusterPoll {
            ClusterPoll(at: at, brokers: [1, 2], topics: [
                TopicFacts(name: "orders", partitions: ends.enumerated().map {
                    PartitionFacts(partition: $0.offset, leader: 1 + $0.offset, replicas: [1, 2], inSyncReplicas: [1],
                                   lowWatermark: 0, highWatermark: $0.element)
                }),
                TopicFacts(name: "orders.dlq", partitions: [PartitionFacts(partition: 0, leader: 2, highWatermark: dead)]),
            ], groups: [GroupFacts(name: "billing", state: "Stable", protocolType: "consumer", assignor: "range",
                                   members: members,
                                   committed: [TopicPartition("orders", 0): committed[0], TopicPartition("orders", 1): committed[1]])])
        }
        history.record(poll(at: 0, ends: [10, 20], committed: [4, 15], dead: 1))
        history.record(poll(at: Self.second, ends: [16, 23], committed: [9, 16], dead: 3))

        let topic = try #require(history.topics.first { $0.name == "orders" })
        #expect(topic.partitions.map(\.producedPerSecond) == [6, 3])
        #expect(topic.details.first { $0.label == "p1" }?.value == "log start 0, log end 23, leader 2, replicas 1,2 (in sync 1)")
        #expect(topic.details.first?.label == "leaders" && topic.details.first?.value == "p0→1 p1→2")
        #expect(topic.details.contains { $0.label == "retries" && $0.value.hasPrefix("not recorded by the cluster") })
        let group = try #require(history.groups.first { $0.id == GroupID("billing") })
        #expect(group.partitions.map(\.lag) == [7, 7])
        #expect(group.partitions.map(\.consumedPerSecond) == [5, 1])
        #expect(group.consumedPerSecond == 6)
        #expect(group.lagHistory.samples == [11, 14])
        #expect(group.strategy == "range")
        #expect(group.members.map { $0.assigned.map(\.description) } == [["orders p0", "orders p1"]])
        #expect(group.details.contains { $0.label == "member billing-1" && $0.value.hasPrefix("host /10.0.0.7") })
        let dead = try #require(history.deadLetterQueues.first)
        #expect(dead.name == "orders.dlq" && dead.deadLetterOf == ["orders"] && dead.depth == 3)
        #expect(dead.depthHistory.samples == [1, 3])
        #expect(dead.enqueuedPerSecond == 2)
        #expect(history.throughput.producedPerSecond == 11)
    }

    @Test func theReportEscapesWhatTheClusterNamed() {
        var history = ClusterHistory()
        history.record(ClusterPoll(at: 0, brokers: [1], topics: [
            TopicFacts(name: "evil\u{1b}[2J", partitions: [PartitionFacts(partition: 0, leader: 1, highWatermark: 5)]),
        ], groups: [GroupFacts(name: "g", committed: [TopicPartition("evil\u{1b}[2J", 0): 2])]))
        let snapshot = SystemSnapshot(source: SourceInfo(engine: "Kafka", name: "kafka://h:9092", description: "Kafka, 1 broker"),
                                      clock: ClockInfo(now: 0), topics: history.topics, groups: history.groups,
                                      events: [EventLogEntry(at: 0, kind: .warning, text: "the cluster does not list groups")],
                                      capabilities: KafkaCapabilities.make(readOnly: true))
        let report = KafkaAttachReport.render(snapshot)
        #expect(!report.contains("\u{1b}"))
        #expect(report.contains("evil\\x1b[2J  0          1       0          5"))
        #expect(report.contains("g      evil\\x1b[2J  unknown"))
        #expect(report.contains("publish: attached with --read-only"))
        #expect(report.contains("\n! the cluster does not list groups\n"))
        #expect(report.contains("pauseResume: Kafka cannot pause a remote consumer"))
    }

    @Test func aResetIsRefusedWhileTheGroupHasMembers() {
        #expect(KafkaCapabilities.resetRefusal(group: "g", members: 2)?.contains("g has 2 members") == true)
        #expect(KafkaCapabilities.resetRefusal(group: "g", members: 0) == nil)
        #expect(KafkaCapabilities.resetRefusal(group: "g", members: nil) == nil)
    }
}
