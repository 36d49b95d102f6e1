@testable import Broker
import SluiceModel
import Testing

/// A log that refuses when full (`discard = new`) refuses a batch that does not fit whole, before any of it
/// is written: a Kafka produce is all or nothing. It used to store the batch's first records, then refuse.
@Suite struct FullLogBatchRefusalTests {
    enum Path: CaseIterable { case producerRecords, placed, borrowedKept }

    /// Appends `values` as one batch to partition 0 by `path`.
    static func append(_ values: [[UInt8]], to topic: Topic, by path: Path) throws {
        switch path {
        case .producerRecords:
            _ = try topic.append(values.map { ProducerRecord(value: $0) }, toPartition: 0)
        case .placed, .borrowedKept:
            let wire = Array(values.joined())
            var start = 0
            let ranges = values.map { value in defer { start += value.count }; return start..<(start + value.count) }
            try wire.withUnsafeBytes { wire in
                if path == .placed {
                    let placed = try ranges.map { try #require(PlacedRecord(key: nil, value: $0, timestamp: 1)) }
                    _ = try placed.withUnsafeBufferPointer { try topic.append($0, keeping: wire, toPartition: 0) }
                } else {
                    let borrowed = ranges.map { BorrowedRecord(key: nil, value: UnsafeRawBufferPointer(rebasing: wire[$0]), timestamp: 1) }
                    _ = try borrowed.withUnsafeBufferPointer { try topic.append($0, wire: wire, toPartition: 0) }
                }
            }
        }
    }

    @Test(arguments: Path.allCases)
    func aBatchOverTheMessageLimitIsRefusedWholeAndNothingOfItIsStored(path: Path) throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 5, discard: .new))
        try Self.append([[1], [2], [3]], to: topic, by: path)
        #expect(throws: BrokerError.retentionLimitReached(topic: "t", partition: 0, limit: "max messages 5")) {
            try Self.append([[4], [5], [6]], to: topic, by: path)
        }
        #expect(try topic.logEndOffset(partition: 0) == 3, "the two records that fitted were not stored either")
        #expect(broker.snapshot().topics[0].counters.rejected == 3)
        try Self.append([[4], [5]], to: topic, by: path)
        #expect(try topic.read(partition: 0, from: 0, max: 10).map(\.value) == [[1], [2], [3], [4], [5]])
    }

    @Test(arguments: Path.allCases)
    func aBatchOverTheByteLimitIsRefusedWhole(path: Path) throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxBytes: 25, discard: .new))
        try Self.append([[UInt8](repeating: 1, count: 10)], to: topic, by: path)
        #expect(throws: BrokerError.retentionLimitReached(topic: "t", partition: 0, limit: "max bytes 25")) {
            try Self.append([[UInt8](repeating: 2, count: 10), [UInt8](repeating: 3, count: 10)], to: topic, by: path)
        }
        #expect(try topic.logEndOffset(partition: 0) == 1)
    }
}
