import KafkaProtocol
import Testing

@Suite struct BatchIndexTests {
    static func batch(_ codec: KafkaCompression, offsetDeltas: [Int32]? = nil) -> KafkaRecordBatch {
        let records = (0..<20).map { index in
            KafkaRecord(offsetDelta: offsetDeltas?[index] ?? Int32(index), timestampDelta: Int64(index),
                        key: index % 5 == 0 ? nil : Array("k\(index)".utf8),
                        value: index % 7 == 0 ? nil : Array(String(repeating: "v\(index)", count: index + 1).utf8),
                        headers: index % 3 == 0 ? [KafkaRecordHeader(key: "h\(index)", value: index % 2 == 0 ? nil : [9])] : [])
        }
        return KafkaRecordBatch(baseOffset: 0, baseTimestamp: 1_700_000_000_000, records: records, compression: codec,
                                producerId: 4, producerEpoch: 0, baseSequence: 0)
    }

    @Test(arguments: KafkaCompression.allCases)
    func anIndexPointsAtEveryRecordsPartsInPlace(codec: KafkaCompression) throws {
        let built = Self.batch(codec)
        let bytes = try built.encoded()
        let index = try #require(try KafkaBatchIndex.indexAll(bytes).first)
        #expect(Array(index.wire) == bytes, "the wire bytes are the whole batch")
        #expect(index.records.count == built.records.count)
        for (span, record) in zip(index.records, built.records) {
            #expect(span.key.map { Array(index.recordBytes[$0]) } == record.key)
            #expect(span.value.map { Array(index.recordBytes[$0]) } == record.value)
            #expect(index.headers(of: span) == record.headers)
            #expect(index.record(span) == record)
        }
        #expect(index.hasDenseOffsets)
        if codec == .none {
            #expect(index.recordBytes.startIndex > index.wire.startIndex && index.recordBytes.endIndex == index.wire.endIndex,
                    "uncompressed records are read where they lie, not copied")
        }
    }

    @Test func aBatchWithGapsInItsOffsetsIsNotDense() throws {
        var deltas = (0..<20).map(Int32.init)
        deltas[19] = 25
        let index = try #require(try KafkaBatchIndex.indexAll(try Self.batch(.none, offsetDeltas: deltas).encoded()).first)
        #expect(!index.hasDenseOffsets)
    }

    @Test(arguments: KafkaCompression.allCases)
    func aRebasedBatchKeepsItsChecksumAndReadsAtTheNewOffset(codec: KafkaCompression) throws {
        let built = Self.batch(codec)
        let bytes = try built.encoded()
        var served: [UInt8] = []
        bytes.withUnsafeBytes { KafkaRecordBatch.append($0, rebasedAt: 1_000_003, to: &served) }
        bytes.withUnsafeBytes { KafkaRecordBatch.append($0, rebasedAt: 1_000_023, to: &served) }
        // decodeAll checks each CRC-32C: the base offset and leader epoch lie outside it.
        let decoded = try KafkaRecordBatch.decodeAll(served)
        #expect(decoded.map(\.baseOffset) == [1_000_003, 1_000_023])
        #expect(decoded.map(\.partitionLeaderEpoch) == [0, 0])
        #expect(decoded.map(\.records) == [built.records, built.records])
    }

    @Test func everyTruncationOfABatchIsRefusedNotCrashed() throws {
        let bytes = try Self.batch(.none).encoded()
        for length in 1..<bytes.count {
            #expect(throws: KafkaRecordBatch.DecodingError.self) { try KafkaBatchIndex.indexAll(Array(bytes[0..<length])) }
        }
    }
}
