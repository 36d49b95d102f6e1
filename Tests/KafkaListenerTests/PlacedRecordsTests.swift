import Broker
import KafkaProtocol
@testable import KafkaListener
import SluiceModel
import Testing

/// Which produced batches the log indexes in place: an uncompressed batch without headers is placed record by
/// record where its keys and values lie in its bytes; headers, a codec or a broker-stamped time make it copied.
@Suite struct PlacedRecordsTests {
    static func indexed(_ records: [KafkaRecord], compression: KafkaCompression = .none) throws -> KafkaBatchIndex {
        let batch = KafkaRecordBatch(baseTimestamp: 1_700_000_000_000, records: records, compression: compression)
        let bytes = [UInt8](repeating: 0xEE, count: 7) + (try batch.encoded())
        return try #require(try KafkaBatchIndex.indexAll(bytes[7...]).first)
    }

    static func times(_ batch: KafkaBatchIndex) -> [Nanos?] {
        KafkaService.timestamps(of: batch, appendTime: false) ?? []
    }

    @Test func aPlainBatchIsPlacedWhereEachKeyAndValueLie() throws {
        let records = (0..<6).map { index in
            KafkaRecord(offsetDelta: Int32(index), timestampDelta: Int64(index * 10),
                        key: index == 2 ? nil : Array("key-\(index)".utf8),
                        value: index == 4 ? nil : [UInt8](repeating: UInt8(index), count: index * 50))
        }
        let batch = try Self.indexed(records)
        let placed = try #require(KafkaService.placedRecords(of: batch, timestamps: Self.times(batch)))
        let wire = Array(batch.wire)
        let storedKeys = placed.map { record in record.keyLength.map { Array(wire[record.position..<(record.position + $0)]) } }
        let storedValues = placed.map { record in
            let start = record.position + (record.keyLength ?? 0) + record.valueGap
            return Array(wire[start..<(start + record.valueLength)])
        }
        #expect(storedKeys == records.map(\.key))
        #expect(storedValues == records.map { $0.value ?? [] }, "a null value is stored empty")
        #expect(placed.map(\.timestamp) == (0..<6).map { (1_700_000_000_000 + Int64($0 * 10)) * NanosPerUnit.millisecond })
    }

    @Test func headersOrACodecMakeTheRecordsCopied() throws {
        let withHeader = try Self.indexed([KafkaRecord(offsetDelta: 0, value: [1]),
                                           KafkaRecord(offsetDelta: 1, value: [2], headers: [KafkaRecordHeader(key: "h", value: [3])])])
        #expect(KafkaService.placedRecords(of: withHeader, timestamps: Self.times(withHeader)) == nil)
        let compressed = try Self.indexed([KafkaRecord(offsetDelta: 0, value: [1, 2, 3])], compression: .gzip)
        #expect(KafkaService.placedRecords(of: compressed, timestamps: Self.times(compressed)) == nil)
        let plain = try Self.indexed([KafkaRecord(offsetDelta: 0, value: [1])])
        #expect(KafkaService.placedRecords(of: plain, timestamps: [nil]) == nil, "a time left to the broker")
    }
}
