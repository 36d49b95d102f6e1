@testable import Broker
import SluiceModel
import Testing

/// A Kafka client's batch is stored once: copied whole into the log, its records indexed in that copy (or,
/// when they do not lie in it as the index needs, copied in beside it).
@Suite struct BatchStoredOnceTests {
    /// Records laid out as a Kafka batch lays them: a header, then per record a length byte, the key, a
    /// length-prefix gap of `gap` bytes and the value, all seeded.
    struct Batch {
        var bytes: [UInt8] = []
        var parts: [(key: Range<Int>?, value: Range<Int>)] = []
        var keys: [[UInt8]?] { parts.map { $0.key.map { Array(bytes[$0]) } } }
        var values: [[UInt8]] { parts.map { Array(bytes[$0.value]) } }

        init(records: Int, valueBytes: Int, seed: UInt64, gap: Int = 2) {
            var random = SeededGenerator(seed: seed)
            func fill(_ count: Int) -> Range<Int> {
                let start = bytes.count
                for _ in 0..<count { bytes.append(UInt8.random(in: 0...255, using: &random)) }
                return start..<bytes.count
            }
            _ = fill(61)
            for index in 0..<records {
                _ = fill(1)
                let key = index % 3 == 0 ? nil : fill(Int.random(in: 0...8, using: &random))
                _ = fill(gap)
                parts.append((key, fill(Int.random(in: 0...valueBytes, using: &random))))
            }
        }

        /// Appends the records, placed in `bytes`, to partition 0 with the batch as their wire bytes.
        func append(to topic: Topic) throws -> Int64 {
            let placed = try parts.indices.map { index in
                try #require(PlacedRecord(key: parts[index].key, value: parts[index].value, timestamp: 5_000 + Int64(index)))
            }
            return try bytes.withUnsafeBytes { wire in
                try placed.withUnsafeBufferPointer { try topic.append($0, keeping: wire, toPartition: 0) }
            }
        }

        /// Appends the records, borrowed from `bytes` with `headers`, to partition 0 with the batch as their wire bytes.
        func appendBorrowed(to topic: Topic, headers: (Int) -> [Header] = { _ in [] }) throws -> Int64 {
            try bytes.withUnsafeBytes { wire in
                let records = parts.indices.map { index in
                    BorrowedRecord(key: parts[index].key.map { UnsafeRawBufferPointer(rebasing: wire[$0]) },
                                   value: UnsafeRawBufferPointer(rebasing: wire[parts[index].value]),
                                   headers: headers(index), timestamp: 5_000 + Int64(index))
                }
                return try records.withUnsafeBufferPointer { try topic.append($0, wire: wire, toPartition: 0) }
            }
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func recordsInsideTheirBatchAreReadFromItsOneCopy(seed: UInt64) throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        let batches = (0..<3).map { Batch(records: 40, valueBytes: 120, seed: seed * 10 + UInt64($0), gap: 1 + $0) }
        for (index, batch) in batches.enumerated() { #expect(try batch.append(to: topic) == Int64(40 * index)) }

        let stored = try topic.read(partition: 0, from: 0, max: 200)
        #expect(stored.map(\.value) == batches.flatMap(\.values))
        #expect(stored.map(\.key) == batches.flatMap(\.keys))
        #expect(stored.map(\.timestamp) == (0..<3).flatMap { _ in (0..<40).map { 5_000 + Int64($0) } })
        #expect(stored.allSatisfy { $0.headers.isEmpty })
        #expect(topic.arenaBytesUsed == batches.reduce(0) { $0 + $1.bytes.count },
                "the batches' bytes and nothing else: no record was copied apart")
        let kept = try topic.wireBatches(partition: 0, from: 45, maxBytes: 1 << 20)
        #expect(kept.map { $0.withUnsafeBytes { Array($0) } } == Array(batches[1...].map(\.bytes)))
        let bytes = stored.reduce(0) { $0 + $1.storedBytes }
        #expect(bytes == batches.reduce(0) { $0 + $1.keys.reduce(0) { $0 + ($1?.count ?? 0) } + $1.values.reduce(0) { $0 + $1.count } },
                "retention counts a record's key and value, as for a copied one")
    }

    @Test func recordsWithHeadersAreCopiedBesideTheBatchWhichIsStillKept() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        let batch = Batch(records: 10, valueBytes: 50, seed: 7)
        let header = Header("trace", [1, 2, 3])
        _ = try batch.appendBorrowed(to: topic) { $0 == 4 ? [header] : [] }
        let stored = try topic.read(partition: 0, from: 0, max: 20)
        #expect(stored.map(\.value) == batch.values)
        #expect(stored.map(\.key) == batch.keys)
        #expect(stored[4].headers == [header])
        #expect(stored.enumerated().allSatisfy { $0.offset == 4 || $0.element.headers.isEmpty })
        #expect(topic.arenaBytesUsed == batch.bytes.count + stored.reduce(0) { $0 + $1.storedBytes })
        let kept = try topic.wireBatches(partition: 0, from: 0, maxBytes: 1 << 20)
        #expect(kept.map { $0.withUnsafeBytes { Array($0) } } == [batch.bytes])
    }

    @Test func aPlacedRecordMustLieAsTheIndexNeeds() {
        #expect(PlacedRecord(key: 10..<14, value: 16..<20, timestamp: 0) != nil)
        #expect(PlacedRecord(key: 10..<14, value: 12..<20, timestamp: 0) == nil, "a value inside its key")
        #expect(PlacedRecord(key: 10..<14, value: 40..<50, timestamp: 0) == nil, "a value too far after its key")
        #expect(PlacedRecord(key: nil, value: nil, timestamp: 0) != nil, "no key and a null value")
    }

    @Test func aPlacedRecordOverTheValueLimitIsRefusedAndNothingIsStored() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        let size = RecordLayout.maxValueBytes + 1
        let wire = [UInt8](repeating: 7, count: size + 2)
        let placed = try [#require(PlacedRecord(key: nil, value: 0..<10, timestamp: 1)),
                          #require(PlacedRecord(key: nil, value: 1..<(1 + size), timestamp: 1))]
        #expect(throws: BrokerError.recordTooLarge(field: "value", bytes: size, limit: RecordLayout.maxValueBytes)) {
            try wire.withUnsafeBytes { wire in try placed.withUnsafeBufferPointer { try topic.append($0, keeping: wire, toPartition: 0) } }
        }
        #expect(try topic.logEndOffset(partition: 0) == 0)
    }

    /// Retention drops whole segments, batches and all, and the log reuses one, so memory stops growing.
    @Test func retentionFreesTheBatchesItDrops() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 500, discard: .old))
        let batches = (0..<4).map { Batch(records: 50, valueBytes: 100, seed: 20 + UInt64($0)) }
        var allocated: [Int] = []
        for round in 0..<6_000 {
            _ = try batches[round % 4].append(to: topic)
            if round % 1_000 == 999 { allocated.append(topic.allocatedBytes) }
        }
        #expect(try topic.logStartOffset(partition: 0) == 6_000 * 50 - 500)
        #expect(try topic.read(partition: 0, from: 0, max: 500).map(\.value)
                == (0..<10).flatMap { batches[(5_990 + $0) % 4].values })
        // One segment, or two while the next fills and the oldest still holds retained records.
        let least = try #require(allocated.min())
        #expect(allocated.allSatisfy { $0 <= 2 * least }, "memory, every 1000 batches: \(allocated)")
        let appended = 1_500 * batches.reduce(0) { $0 + $1.bytes.count }
        #expect(2 * least * 5 < appended, "\(least) bytes a segment, against \(appended) appended")
    }
}
