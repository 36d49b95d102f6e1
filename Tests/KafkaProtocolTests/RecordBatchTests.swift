import KafkaProtocol
import Testing

@Suite struct RecordBatchTests {
    /// The five records every capture in Fixtures produced (see its README).
    static let capturedRecords: [(key: String, value: String, trace: String)] = (0..<5).map {
        ("key-\($0)", String(repeating: "value \($0) ", count: 20), "t\($0)")
    }

    static func producedBatches(_ codec: KafkaCompression) throws -> [KafkaRecordBatch] {
        let fixture = try Fixture.load("librdkafka-2.16-\(codec)-Produce-v10-request.bin")
        let request = try KafkaFrame.decodeRequest(fixture.bytes)
        let produce = try #require(request.body as? ProduceRequest)
        let records = try #require(produce.topicData.first?.partitionData.first?.records)
        return try KafkaRecordBatch.decodeAll(records)
    }

    @Test(arguments: KafkaCompression.allCases)
    func aBatchLibrdkafkaProducedDecodesToTheRecordsItWasGiven(codec: KafkaCompression) throws {
        let batches = try Self.producedBatches(codec)
        #expect(batches.count == 1)
        let batch = try #require(batches.first)
        #expect(batch.attributes.compression == codec)
        #expect(batch.producerId >= 0, "idempotence was on, so the batch carries a producer id")
        #expect(batch.records.count == 5)
        for (record, expected) in zip(batch.records, Self.capturedRecords) {
            #expect(record.key == Array(expected.key.utf8))
            #expect(record.value == Array(expected.value.utf8))
            #expect(record.headers == [KafkaRecordHeader(key: "trace", value: Array(expected.trace.utf8))])
        }
        #expect(batch.records.map(\.offsetDelta) == [0, 1, 2, 3, 4])
        #expect(batch.lastOffsetDelta == 4)
    }

    @Test func theBrokersFetchAnswerCarriesTheSameRecords() throws {
        let fixture = try Fixture.load("librdkafka-2.16-none-Fetch-v16-response.bin")
        let (_, body) = try KafkaFrame.decodeResponse(fixture.bytes, api: .fetch, version: 16)
        let fetch = try #require(body as? FetchResponse)
        let records = try #require(fetch.responses.first?.partitions.first?.records)
        let batches = try KafkaRecordBatch.decodeAll(records, allowPartialTail: true)
        #expect(batches.flatMap(\.records).map(\.key) == Self.capturedRecords.map { Array($0.key.utf8) })
    }

    @Test(arguments: KafkaCompression.allCases)
    func aBuiltBatchRoundTripsInEveryCodec(codec: KafkaCompression) throws {
        let records = (0..<50).map { index in
            KafkaRecord(offsetDelta: Int32(index), timestampDelta: Int64(index * 3),
                        key: index % 7 == 0 ? nil : Array("k\(index)".utf8),
                        value: index % 11 == 0 ? nil : Array(String(repeating: "v\(index)", count: index).utf8),
                        headers: index % 2 == 0 ? [KafkaRecordHeader(key: "h", value: nil), KafkaRecordHeader(key: "é", value: [1, 2])] : [])
        }
        let batch = KafkaRecordBatch(baseOffset: 42, baseTimestamp: 1_700_000_000_000, records: records, compression: codec,
                                     producerId: 9, producerEpoch: 1, baseSequence: 100)
        let bytes = try batch.encoded()
        let decoded = try KafkaRecordBatch.decodeAll(bytes)
        #expect(decoded == [batch])
        let latest: Int64 = 1_700_000_000_000 + 49 * 3
        #expect(decoded.first?.maxTimestamp == latest)
        #expect(decoded.first?.offsetCount == 50)
        if codec != .none { #expect(bytes.count < (try KafkaRecordBatch(baseTimestamp: 0, records: records).encoded()).count) }
    }

    @Test(arguments: KafkaCompression.allCases)
    func aFlippedBitAnywhereAfterTheCrcIsCaught(codec: KafkaCompression) throws {
        let bytes = try Self.producedBatches(codec)[0].encoded()
        for index in stride(from: 21, to: bytes.count, by: 3) {
            var corrupt = bytes
            corrupt[index] ^= 0x10
            #expect(throws: KafkaRecordBatch.DecodingError.self, "byte \(index)") {
                _ = try KafkaRecordBatch.decodeAll(corrupt)
            }
            do {
                _ = try KafkaRecordBatch.decodeAll(corrupt)
            } catch {
                guard case .checksumMismatch = error else { Issue.record("byte \(index): \(error)"); continue }
            }
        }
    }

    @Test func aBatchThatDecompressesPastTheLimitIsRefused() throws {
        let records = [KafkaRecord(offsetDelta: 0, value: [UInt8](repeating: 0, count: 1 << 20))]
        for codec in KafkaCompression.allCases where codec != .none {
            let bytes = try KafkaRecordBatch(baseTimestamp: 0, records: records, compression: codec).encoded()
            #expect(bytes.count < 64 * 1024, "\(codec) squeezes a megabyte of zeros")
            #expect(throws: KafkaRecordBatch.DecodingError.compression(.tooLarge(codec: codec, limit: 512 * 1024))) {
                _ = try KafkaRecordBatch.decodeAll(bytes, decompressedLimit: 512 * 1024)
            }
        }
    }

    @Test func snappyInXerialFramingDecodesLikeRawSnappy() throws {
        let raw = try KafkaCompression.snappy.compress(Array("hello, xerial ".utf8))
        let half = try KafkaCompression.snappy.compress(Array(repeating: 7, count: 300))
        // The xerial header (magic, version 1, compatible version 1), then size-prefixed raw blocks.
        var framed: [UInt8] = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00, 0, 0, 0, 1, 0, 0, 0, 1]
        for block in [raw, half] {
            let size: [UInt8] = [0, 0, UInt8(block.count >> 8), UInt8(block.count & 0xff)]
            framed += size + block
        }
        let decoded = try KafkaCompression.snappy.decompress(framed[...], limit: 1000)
        #expect(decoded == Array("hello, xerial ".utf8) + Array(repeating: 7, count: 300))
        #expect(throws: KafkaCompressionError.self) { try KafkaCompression.snappy.decompress(framed.dropLast(), limit: 1000) }
    }

    @Test(arguments: KafkaCompression.allCases.filter { $0 != .none })
    func truncatedOrGarbledCompressedDataIsAnErrorNotACrash(codec: KafkaCompression) throws {
        let data = try codec.compress(Array(String(repeating: "sluice ", count: 200).utf8))
        for length in [0, 1, data.count / 2, data.count - 1] {
            #expect(throws: KafkaCompressionError.self, "\(codec) cut at \(length)") {
                try codec.decompress(data[..<length], limit: 1 << 20)
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var garbled = data
            garbled[Int.random(in: 0..<garbled.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            _ = try? codec.decompress(garbled[...], limit: 1 << 20)
        }
    }

    @Test func aMissingLibraryIsNamedWithItsPackage() {
        let error = KafkaCompressionError.libraryMissing(codec: .snappy, library: "libsnappy.so.1", aptPackage: "libsnappy1v5")
        #expect(error.description == "snappy compression needs libsnappy.so.1, which is not installed (apt-get install libsnappy1v5)")
        for codec in KafkaCompression.allCases { #expect(codec.isAvailable, "\(codec) library on this machine") }
    }
}
