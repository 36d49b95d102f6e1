/// A v2 record batch (magic 2), the unit Kafka produces, stores and fetches.
///
/// Layout (protocol.html, "Record Batch"): baseOffset, batchLength, partitionLeaderEpoch, magic, crc, then
/// the part the CRC-32C covers: attributes, lastOffsetDelta, baseTimestamp, maxTimestamp, producerId,
/// producerEpoch, baseSequence, record count and the records, compressed as the attributes say.
public struct KafkaRecordBatch: Sendable, Equatable {
    public var baseOffset: Int64
    public var partitionLeaderEpoch: Int32
    public var attributes: Attributes
    public var lastOffsetDelta: Int32
    public var baseTimestamp: Int64
    public var maxTimestamp: Int64
    public var producerId: Int64
    public var producerEpoch: Int16
    public var baseSequence: Int32
    public var records: [KafkaRecord]

    /// Bytes before the records: the fixed header of every v2 batch.
    public static let headerSize = 61
    /// Where the CRC-32C starts counting (the attributes) and where the CRC itself sits.
    static let crcStart = 21, crcOffset = 17
    /// The default ceiling on a batch's decompressed records, the same as the listener's default frame limit.
    public static let defaultDecompressedLimit = 100 * 1024 * 1024

    /// A batch of `records`, its last offset delta and maximum timestamp worked out from them.
    public init(baseOffset: Int64 = 0, baseTimestamp: Int64, records: [KafkaRecord], compression: KafkaCompression = .none,
                timestampType: TimestampType = .createTime, producerId: Int64 = -1, producerEpoch: Int16 = -1,
                baseSequence: Int32 = -1, partitionLeaderEpoch: Int32 = -1) {
        self.baseOffset = baseOffset
        self.partitionLeaderEpoch = partitionLeaderEpoch
        attributes = Attributes(compression: compression, timestampType: timestampType)
        lastOffsetDelta = records.map(\.offsetDelta).max() ?? 0
        self.baseTimestamp = baseTimestamp
        maxTimestamp = baseTimestamp + (records.map(\.timestampDelta).max() ?? 0)
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.baseSequence = baseSequence
        self.records = records
    }

    /// The attributes word: compression, timestamp type, transactional and control flags.
    public struct Attributes: Sendable, Equatable {
        public var rawValue: Int16

        public init(rawValue: Int16) { self.rawValue = rawValue }

        public init(compression: KafkaCompression, timestampType: TimestampType) {
            rawValue = compression.rawValue | (timestampType == .logAppendTime ? 0x08 : 0)
        }

        /// The codec in bits 0-2; nil for a code Kafka does not define.
        public var compression: KafkaCompression? { KafkaCompression(rawValue: rawValue & 0x07) }
        public var timestampType: TimestampType { rawValue & 0x08 != 0 ? .logAppendTime : .createTime }
        public var isTransactional: Bool { rawValue & 0x10 != 0 }
        public var isControl: Bool { rawValue & 0x20 != 0 }
    }

    public enum TimestampType: Sendable, Equatable {
        case createTime
        case logAppendTime
    }

    /// The number of offsets the batch spans, which is what the log advances by.
    public var offsetCount: Int64 { Int64(lastOffsetDelta) + 1 }
}

extension KafkaRecordBatch {
    /// Why a batch was refused, so that a produce can answer with Kafka's error (CORRUPT_MESSAGE and friends).
    public enum DecodingError: Error, Equatable, Sendable {
        case malformed(KafkaDecodingError)
        /// The stored CRC does not match the bytes.
        case checksumMismatch(stored: UInt32, computed: UInt32)
        /// Only magic 2 is read; older message sets are not.
        case unsupportedMagic(Int8)
        case compression(KafkaCompressionError)
    }

    /// Reads every batch in a records field (a produce request's or a fetch response's).
    ///
    /// A fetch response may end in a partial batch (the broker cut at its byte limit); with `allowPartialTail`
    /// that tail is dropped rather than refused.
    public static func decodeAll(
        _ bytes: [UInt8], allowPartialTail: Bool = false, decompressedLimit: Int = defaultDecompressedLimit
    ) throws(DecodingError) -> [KafkaRecordBatch] {
        try decodeAll(bytes[...], allowPartialTail: allowPartialTail, decompressedLimit: decompressedLimit)
    }

    /// The same for a view of a message's bytes (a decoded produce request's records).
    public static func decodeAll(
        _ bytes: ArraySlice<UInt8>, allowPartialTail: Bool = false, decompressedLimit: Int = defaultDecompressedLimit
    ) throws(DecodingError) -> [KafkaRecordBatch] {
        try KafkaBatchIndex.indexAll(bytes, allowPartialTail: allowPartialTail, decompressedLimit: decompressedLimit)
            .map(KafkaRecordBatch.init(index:))
    }

    /// The batch an index describes, its records copied out as values.
    public init(index: KafkaBatchIndex) {
        baseOffset = index.baseOffset
        partitionLeaderEpoch = index.partitionLeaderEpoch
        attributes = index.attributes
        lastOffsetDelta = index.lastOffsetDelta
        baseTimestamp = index.baseTimestamp
        maxTimestamp = index.maxTimestamp
        producerId = index.producerId
        producerEpoch = index.producerEpoch
        baseSequence = index.baseSequence
        records = index.records.map(index.record)
    }

    /// Appends a stored batch's bytes (read in place, from the log's arena) to `output` as a fetch hands them out:
    /// at the base offset the log gave it and leader epoch 0, the two fields a broker sets (both lie outside the CRC,
    /// so the rest goes out as it came).
    public static func append(_ batch: UnsafeRawBufferPointer, rebasedAt baseOffset: Int64, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: batch)
        guard batch.count >= headerSize else { return }
        for index in 0..<8 { output[start + index] = UInt8(truncatingIfNeeded: baseOffset >> (56 - 8 * index)) }
        for index in 12..<16 { output[start + index] = 0 }
    }

    /// The batch's bytes: records compressed as the attributes say, lengths and CRC-32C filled in.
    public func encoded() throws(KafkaCompressionError) -> [UInt8] {
        guard let compression = attributes.compression else { throw .unknownCodec(Int(attributes.rawValue & 0x07)) }
        var recordBytes = KafkaWriter()
        for record in records { record.encode(into: &recordBytes) }
        let payload = try compression.compress(recordBytes.bytes)
        var writer = KafkaWriter(capacity: Self.headerSize + payload.count)
        writer.writeInt64(baseOffset)
        writer.writeInt32(Int32(Self.headerSize - 12 + payload.count))
        writer.writeInt32(partitionLeaderEpoch)
        writer.writeInt8(2)
        writer.writeUInt32(0)
        writer.writeInt16(attributes.rawValue)
        writer.writeInt32(lastOffsetDelta)
        writer.writeInt64(baseTimestamp)
        writer.writeInt64(maxTimestamp)
        writer.writeInt64(producerId)
        writer.writeInt16(producerEpoch)
        writer.writeInt32(baseSequence)
        writer.writeInt32(Int32(records.count))
        writer.writeRaw(payload)
        let crc = CRC32C.checksum(writer.bytes[Self.crcStart...])
        writer.patchInt32(Int32(bitPattern: crc), at: Self.crcOffset)
        return writer.bytes
    }
}
