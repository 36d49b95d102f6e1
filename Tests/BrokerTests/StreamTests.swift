import Broker
import SluiceModel
import Testing

@Suite struct StreamTests {
    @Test func offsetsStartAtZeroAndHaveNoGaps() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        for expected in Int64(0)..<5 {
            #expect(try topic.produce(ProducerRecord(value: bytes("v\(expected)"))) == .appended(partition: 0, offset: expected))
        }
        let batch = try topic.read(partition: 0, from: 0, max: 10)
        #expect(batch.map(\.offset) == [0, 1, 2, 3, 4])
        #expect(batch.map { text($0.value) } == ["v0", "v1", "v2", "v3", "v4"])
    }

    @Test func aRecordKeepsKeyValueHeadersIdAndTimestamp() throws {
        let (broker, clock) = makeBroker()
        clock.set(to: 42 * second)
        let topic = try broker.createTopic("t", partitions: 1)
        try topic.produce(ProducerRecord(key: bytes("k"), value: bytes("value"),
                                         headers: [Header("trace", bytes("abc")), Header("", [])], messageId: "m-1"))
        try topic.produce(ProducerRecord(key: [], value: [], timestamp: 7))
        let records = Array(try topic.read(partition: 0, from: 0, max: 10))
        #expect(records[0].key == bytes("k"))
        #expect(records[0].value == bytes("value"))
        #expect(records[0].headers == [Header("trace", bytes("abc")), Header("", [])])
        #expect(records[0].messageId == "m-1")
        #expect(records[0].timestamp == 42 * second)
        #expect(records[1].key == [])
        #expect(records[1].messageId == nil)
        #expect(records[1].timestamp == 7)
        #expect(records[1].withUnsafeValue { $0.count } == 0)
    }

    @Test func keyedRecordsGoWhereKafkaWouldPutThem() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 6)
        for key in ["alice", "bob", "carol", "kafka", ""] {
            let expected = kafkaPartition(forKey: bytes(key), partitionCount: 6)
            guard case .appended(let partition, _) = try topic.produce(ProducerRecord(key: bytes(key), value: [1])) else {
                Issue.record("not appended")
                continue
            }
            #expect(partition == expected)
        }
    }

    @Test func keylessRecordsSpreadRoundRobin() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 3)
        var partitions: [Int] = []
        for _ in 0..<6 {
            if case .appended(let partition, _) = try topic.produce(ProducerRecord(value: [1])) { partitions.append(partition) }
        }
        #expect(partitions == [0, 1, 2, 0, 1, 2])
        let summary = topic.produce(contentsOf: Array(repeating: ProducerRecord(value: [2]), count: 6))
        #expect(summary.appended == 6)
        for partition in 0..<3 { #expect(try topic.logEndOffset(partition: partition) == 4) }
    }

    @Test func anExplicitPartitionWinsAndIsChecked() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 2)
        #expect(try topic.produce(ProducerRecord(key: bytes("x"), value: [], partition: 1)) == .appended(partition: 1, offset: 0))
        #expect(throws: BrokerError.partitionOutOfRange(topic: "t", partition: 2, partitionCount: 2)) {
            try topic.produce(ProducerRecord(value: [], partition: 2))
        }
    }

    @Test func retentionByCountWithDiscardOldAdvancesTheLogStart() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 3, discard: .old))
        for i in 0..<5 { try topic.produce(ProducerRecord(value: bytes("\(i)"))) }
        #expect(try topic.logStartOffset(partition: 0) == 2)
        #expect(try topic.logEndOffset(partition: 0) == 5)
        // Reading below the log start starts at the log start.
        #expect(try topic.read(partition: 0, from: 0, max: 10).map(\.offset) == [2, 3, 4])
    }

    @Test func retentionByCountWithDiscardNewRejectsWithAReason() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 2, discard: .new))
        try topic.produce(ProducerRecord(value: [1]))
        try topic.produce(ProducerRecord(value: [2]))
        #expect(throws: BrokerError.retentionLimitReached(topic: "t", partition: 0, limit: "max messages 2")) {
            try topic.produce(ProducerRecord(value: [3]))
        }
        #expect(try topic.logEndOffset(partition: 0) == 2)
        #expect(broker.snapshot().topics[0].counters.rejected == 1)
        #expect(broker.snapshot().topics[0].partitions[0].counters.produced == 2)
    }

    @Test func retentionByBytesCountsKeyHeadersIdAndValue() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxBytes: 25, discard: .old))
        for _ in 0..<5 { try topic.produce(ProducerRecord(value: Array(repeating: 0, count: 10))) }
        #expect(try topic.logStartOffset(partition: 0) == 3)  // two 10-byte records fit in 25 bytes
        #expect(broker.snapshot().topics[0].partitions[0].bytes == 20)
        #expect(throws: BrokerError.self) { try topic.produce(ProducerRecord(value: Array(repeating: 0, count: 26))) }

        let strict = try broker.createTopic("s", partitions: 1, retention: Retention(maxBytes: 25, discard: .new))
        try strict.produce(ProducerRecord(key: bytes("12345"), value: Array(repeating: 0, count: 15)))
        #expect(throws: BrokerError.retentionLimitReached(topic: "s", partition: 0, limit: "max bytes 25")) {
            try strict.produce(ProducerRecord(value: Array(repeating: 0, count: 6)))
        }
    }

    @Test func retentionByAgeDropsOldRecordsWhenTheClockPasses() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxAge: 10 * second, discard: .new))
        try topic.produce(ProducerRecord(value: [1]))
        clock.advance(by: 4 * second)
        try topic.produce(ProducerRecord(value: [2]))
        #expect(broker.nextDeadline() == 10 * second)
        clock.set(to: 10 * second - 1)
        #expect(try topic.logStartOffset(partition: 0) == 0)
        clock.set(to: 10 * second)
        broker.processDue()
        #expect(try topic.logStartOffset(partition: 0) == 1)
        #expect(broker.nextDeadline() == 14 * second)
        clock.set(to: 20 * second)
        #expect(broker.snapshot().topics[0].partitions[0].retained == 0)
        #expect(broker.nextDeadline() == nil)
    }

    @Test func aDuplicateMessageIdWithinTheWindowIsAcknowledgedButNotStored() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 4)
        let first = try topic.produce(ProducerRecord(key: bytes("k"), value: [1], messageId: "id-1"))
        clock.advance(by: 119 * second)
        #expect(try topic.produce(ProducerRecord(key: bytes("other"), value: [2], messageId: "id-1")) == .duplicate(
            partition: kafkaPartition(forKey: bytes("k"), partitionCount: 4), offset: 0))
        guard case .appended = first else { throw BrokerError.invalidArgument("first copy not appended") }
        clock.advance(by: 1 * second)  // the window (2 minutes) has passed
        guard case .appended = try topic.produce(ProducerRecord(value: [3], messageId: "id-1")) else {
            throw BrokerError.invalidArgument("stored again after the window")
        }
        let snapshot = broker.snapshot().topics[0]
        #expect(snapshot.counters.duplicates == 1)
        #expect(snapshot.partitions.reduce(0) { $0 + $1.retained } == 2)
    }

    @Test func aRejectedAppendDoesNotBurnItsMessageId() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 1, discard: .new))
        try topic.produce(ProducerRecord(value: [1]))
        #expect(throws: BrokerError.self) { try topic.produce(ProducerRecord(value: [2], messageId: "x")) }
        #expect(topic.produce(contentsOf: [ProducerRecord(value: [2], messageId: "x")]).rejected == 1)
    }

    @Test func aBatchReportsAppendsDuplicatesAndRejections() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 2, retention: Retention(maxMessages: 2, discard: .new))
        let summary = topic.produce(contentsOf: [
            ProducerRecord(value: [1], messageId: "a"), ProducerRecord(value: [1], messageId: "a"),
            ProducerRecord(value: [2], partition: 0), ProducerRecord(value: [3], partition: 0),
            ProducerRecord(value: [4], partition: 5),
        ])
        #expect(summary.appended == 2)
        #expect(summary.duplicates == 1)
        #expect(summary.rejected == 2)
        #expect(summary.firstRejection == .retentionLimitReached(topic: "t", partition: 0, limit: "max messages 2"))
    }

    /// Enough records that dropped segments are reused; a batch still holding an old segment keeps it intact.
    @Test func segmentsStayGapFreeAcrossRetentionAndReuse() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 5_000))
        var held: RecordBatch?
        for round in 0..<120 {
            let batch = (0..<1_000).map { ProducerRecord(value: bytes(label(round, $0))) }
            #expect(topic.produce(contentsOf: batch).appended == 1_000)
            if round == 40 { held = try topic.read(partition: 0, from: 38_000, max: 3) }
        }
        #expect(try topic.logStartOffset(partition: 0) == 115_000)
        let tail = try topic.read(partition: 0, from: 0, max: 5_000)
        #expect(tail.map(\.offset) == Array(115_000..<120_000))
        #expect(tail.map { text($0.value) } == (115..<120).flatMap { round in (0..<1_000).map { label(round, $0) } })
        #expect(held?.map { text($0.value) } == [label(38, 0), label(38, 1), label(38, 2)])
    }

    /// Same-length values, so every full segment fits the next one's needs and is reused.
    private func label(_ round: Int, _ index: Int) -> String {
        let raw = "r\(round)-\(index)"
        return String(repeating: "_", count: 10 - raw.count) + raw
    }

    @Test func readingBeyondTheLogEndIsAnError() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        try topic.produce(ProducerRecord(value: [1]))
        #expect(try topic.read(partition: 0, from: 1, max: 5).isEmpty)
        #expect(throws: BrokerError.offsetBeyondLogEnd(topic: "t", partition: 0, offset: 2, logEnd: 1)) {
            try topic.read(partition: 0, from: 2, max: 5)
        }
    }

    @Test func unknownNamesAndBadConfigurationAreTypedErrors() throws {
        let (broker, _) = makeBroker()
        #expect(throws: BrokerError.unknownTopic("nope")) { try broker.topic("nope") }
        #expect(throws: BrokerError.unknownQueue("nope")) { try broker.queue("nope") }
        #expect(throws: BrokerError.unknownGroup("t/g")) { try broker.group("g", topic: "t") }
        #expect(throws: BrokerError.self) { try broker.createTopic("t", partitions: 0) }
        #expect(throws: BrokerError.self) { try broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 0)) }
        try broker.createTopic("t", partitions: 1)
        #expect(throws: BrokerError.topicExists("t")) { try broker.createTopic("t", partitions: 1) }
        #expect(BrokerError.unknownTopic("nope").description == "unknown topic 'nope'")
        let tooLongId = String(repeating: "x", count: 70_000)
        #expect(throws: BrokerError.recordTooLarge(field: "message id", bytes: 70_000, limit: 65_535)) {
            try broker.produce(topic: "t", ProducerRecord(value: [], messageId: tooLongId))
        }
    }
}
