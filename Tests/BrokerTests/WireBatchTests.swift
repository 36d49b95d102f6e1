import Broker
import SluiceModel
import Testing

/// Batches kept as the bytes they came in, beside the records they hold.
@Suite struct WireBatchTests {
    /// Appends `values` (with `keys`) as records borrowed from one buffer, keeping `wire` for them.
    static func append(_ values: [[UInt8]], keys: [[UInt8]?]? = nil, wire: [UInt8], to topic: Topic) throws -> Int64 {
        let parts = values.indices.flatMap { [keys?[$0] ?? [], values[$0]] }
        let flat = parts.flatMap { $0 }
        return try flat.withUnsafeBytes { bytes in
            var start = 0
            var records: [BorrowedRecord] = []
            for index in values.indices {
                let keyCount = parts[2 * index].count, valueCount = parts[2 * index + 1].count
                let key = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + keyCount)])
                let value = UnsafeRawBufferPointer(rebasing: bytes[(start + keyCount)..<(start + keyCount + valueCount)])
                records.append(BorrowedRecord(key: keys?[index] == nil ? nil : key, value: value, timestamp: 1_000 + Int64(index)))
                start += keyCount + valueCount
            }
            return try records.withUnsafeBufferPointer { records in
                try wire.withUnsafeBytes { try topic.append(records, wire: $0, toPartition: 0) }
            }
        }
    }

    @Test func borrowedRecordsAreStoredAsTheirBytesAndTheBatchIsKeptForTheirOffsets() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        #expect(try Self.append([[1], [2, 2]], keys: [nil, [7]], wire: [0xA, 0xB], to: topic) == 0)
        _ = try topic.append([ProducerRecord(value: [3])], toPartition: 0)
        #expect(try Self.append([[4]], wire: [0xC], to: topic) == 3)
        let stored = try topic.read(partition: 0, from: 0, max: 10)
        #expect(stored.map(\.value) == [[1], [2, 2], [3], [4]])
        #expect(stored.map(\.key) == [nil, [7], nil, nil])
        #expect(stored.map(\.timestamp).prefix(2) == [1_000, 1_001])

        let first = try topic.wireBatches(partition: 0, from: 1, maxBytes: 100)
        #expect(first.map(\.baseOffset) == [0], "the batch holding offset 1; the record after it has none")
        #expect(first.map { $0.withUnsafeBytes { Array($0) } } == [[0xA, 0xB]])
        #expect(try topic.wireBatches(partition: 0, from: 2, maxBytes: 100).isEmpty, "a record of the broker's own")
        #expect(try topic.wireBatches(partition: 0, from: 3, maxBytes: 100).map(\.endOffset) == [4])
    }

    @Test func consecutiveBatchesGoOutTogetherUpToTheByteLimitAndTheFirstAlways() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        for batch in 0..<4 { _ = try Self.append([[UInt8(batch)], [UInt8(batch)]], wire: [UInt8](repeating: 1, count: 10), to: topic) }
        #expect(try topic.wireBatches(partition: 0, from: 2, maxBytes: 25).map(\.baseOffset) == [2, 4])
        #expect(try topic.wireBatches(partition: 0, from: 7, maxBytes: 1).map(\.baseOffset) == [6])
        #expect(try topic.wireBatches(partition: 0, from: 8, maxBytes: 100).isEmpty, "nothing at the log end")
    }

    @Test func retentionLetsAKeptBatchGoWithItsLastRecord() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 3, discard: .old))
        _ = try Self.append([[1], [2]], wire: [0xA], to: topic)
        _ = try Self.append([[3], [4]], wire: [0xB], to: topic)
        #expect(try topic.logStartOffset(partition: 0) == 1)
        #expect(try topic.wireBatches(partition: 0, from: 1, maxBytes: 100).map(\.baseOffset) == [0, 2],
                "a batch with one record still retained stays")
        _ = try Self.append([[5]], wire: [0xC], to: topic)
        #expect(try topic.logStartOffset(partition: 0) == 2)
        #expect(try topic.wireBatches(partition: 0, from: 2, maxBytes: 100).map(\.baseOffset) == [2, 4])
        #expect(try topic.wireBatches(partition: 0, from: 0, maxBytes: 100).isEmpty, "below the log start")
    }
}
