/// One v2 record batch checked and indexed in place: its header fields, the batch's bytes as they came, and
/// where each record's parts sit in the record bytes, with nothing copied or allocated per record.
///
/// This is what a broker needs to keep a produced batch as bytes (and hand it out again on a fetch) while still
/// knowing each record's offset, timestamp, key and value. `KafkaRecordBatch` is built from it when the records
/// are wanted as values.
public struct KafkaBatchIndex: Sendable {
    public var baseOffset: Int64
    public var partitionLeaderEpoch: Int32
    public var attributes: KafkaRecordBatch.Attributes
    public var lastOffsetDelta: Int32
    public var baseTimestamp: Int64
    public var maxTimestamp: Int64
    public var producerId: Int64
    public var producerEpoch: Int16
    public var baseSequence: Int32
    /// The whole batch as it came, from its base offset to its last byte.
    public let wire: ArraySlice<UInt8>
    /// The records' bytes: a slice of `wire` when uncompressed, the decompressed bytes otherwise.
    public let recordBytes: ArraySlice<UInt8>
    /// Where each record's parts sit, as indices into `recordBytes`.
    public let records: [Span]

    /// One record's place in `recordBytes`, 48 bytes: a batch of a megabyte has some ten thousand of them.
    public struct Span: Sendable, Equatable {
        public var timestampDelta: Int64
        public var offsetDelta: Int32
        public var attributes: Int8
        // Indices into `recordBytes`, which `spans(of:count:)` keeps within Int32; a length of -1 is null.
        // (Inlinable, as are the accessors, so a broker reading millions of spans does not call across modules.)
        @usableFromInline var keyStart: Int32, keyLength: Int32
        @usableFromInline var valueStart: Int32, valueLength: Int32
        @usableFromInline var headersStart: Int32, headersEnd: Int32
        @usableFromInline var headerTotal: Int32

        init(attributes: Int8, timestampDelta: Int64, offsetDelta: Int32, key: Range<Int>?, value: Range<Int>?,
             headerCount: Int, headers: Range<Int>) {
            self.attributes = attributes; self.timestampDelta = timestampDelta; self.offsetDelta = offsetDelta
            keyStart = Int32(truncatingIfNeeded: key?.lowerBound ?? 0); keyLength = Int32(truncatingIfNeeded: key?.count ?? -1)
            valueStart = Int32(truncatingIfNeeded: value?.lowerBound ?? 0)
            valueLength = Int32(truncatingIfNeeded: value?.count ?? -1)
            headersStart = Int32(truncatingIfNeeded: headers.lowerBound); headersEnd = Int32(truncatingIfNeeded: headers.upperBound)
            headerTotal = Int32(truncatingIfNeeded: headerCount)
        }

        /// nil for a null key or value.
        @inlinable public var key: Range<Int>? { keyLength < 0 ? nil : Int(keyStart)..<Int(keyStart + keyLength) }
        @inlinable public var value: Range<Int>? { valueLength < 0 ? nil : Int(valueStart)..<Int(valueStart + valueLength) }
        /// The header count and the header bytes (pairs of varint-length key and value).
        @inlinable public var headerCount: Int { Int(headerTotal) }
        @inlinable public var headers: Range<Int> { Int(headersStart)..<Int(headersEnd) }
    }

    /// Whether record `i` has offset delta `i` and the last one the batch's last offset delta: then the batch
    /// takes exactly its record count of offsets, the same ones a broker assigns record by record.
    public var hasDenseOffsets: Bool {
        guard Int(lastOffsetDelta) == records.count - 1 else { return false }
        for (index, span) in records.enumerated() where Int(span.offsetDelta) != index { return false }
        return true
    }

    /// Indexes every batch in a records field (a produce request's or a fetch response's).
    ///
    /// A fetch response may end in a partial batch (the broker cut at its byte limit); with `allowPartialTail`
    /// that tail is dropped rather than refused.
    public static func indexAll(
        _ bytes: [UInt8], allowPartialTail: Bool = false,
        decompressedLimit: Int = KafkaRecordBatch.defaultDecompressedLimit
    ) throws(KafkaRecordBatch.DecodingError) -> [KafkaBatchIndex] {
        try indexAll(bytes[...], allowPartialTail: allowPartialTail, decompressedLimit: decompressedLimit)
    }

    /// The same for a view of a request's bytes (the batches' `wire` and record bytes stay views of them).
    public static func indexAll(
        _ bytes: ArraySlice<UInt8>, allowPartialTail: Bool = false,
        decompressedLimit: Int = KafkaRecordBatch.defaultDecompressedLimit
    ) throws(KafkaRecordBatch.DecodingError) -> [KafkaBatchIndex] {
        var batches: [KafkaBatchIndex] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let remaining = bytes.endIndex - start
            if allowPartialTail, remaining < 12 || Int(bigEndianInt32(bytes, at: start + 8)) > remaining - 12 { break }
            let batch = try KafkaBatchIndex(bytes, at: start, decompressedLimit: decompressedLimit)
            batches.append(batch)
            start = batch.wire.endIndex
        }
        return batches
    }

    private static func bigEndianInt32(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Int32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int32($1) }
    }

    /// Reads the batch at `start`, checking its length, magic and CRC-32C before anything is decompressed.
    public init(_ bytes: ArraySlice<UInt8>, at start: Int, decompressedLimit: Int = KafkaRecordBatch.defaultDecompressedLimit)
        throws(KafkaRecordBatch.DecodingError) {
        do {
            let header = try ByteCursor.reading(bytes, from: start, to: bytes.endIndex) { (reader) throws(KafkaDecodingError) in try Header(&reader) }
            wire = bytes[start..<header.end]
            guard header.magic == 2 else { throw KafkaRecordBatch.DecodingError.unsupportedMagic(header.magic) }
            let computed = CRC32C.checksum(bytes[header.checkedFrom..<wire.endIndex])
            guard header.crc == computed else {
                throw KafkaRecordBatch.DecodingError.checksumMismatch(stored: header.crc, computed: computed)
            }
            baseOffset = header.baseOffset
            partitionLeaderEpoch = header.partitionLeaderEpoch
            attributes = header.attributes
            lastOffsetDelta = header.lastOffsetDelta
            baseTimestamp = header.baseTimestamp
            maxTimestamp = header.maxTimestamp
            producerId = header.producerId
            producerEpoch = header.producerEpoch
            baseSequence = header.baseSequence
            guard let compression = attributes.compression else {
                throw KafkaRecordBatch.DecodingError.compression(.unknownCodec(Int(attributes.rawValue & 0x07)))
            }
            let payload = bytes[header.recordsFrom..<wire.endIndex]
            if compression == .none {
                guard payload.count <= decompressedLimit else { throw KafkaCompressionError.tooLarge(codec: .none, limit: decompressedLimit) }
                recordBytes = payload
            } else {
                recordBytes = ArraySlice(try compression.decompress(payload, limit: decompressedLimit))
            }
            records = try Self.spans(of: recordBytes, count: header.count)
        } catch let error as KafkaRecordBatch.DecodingError {
            throw error
        } catch let error as KafkaDecodingError {
            throw .malformed(error)
        } catch let error as KafkaCompressionError {
            throw .compression(error)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    /// A batch's fixed fields as they are read, before any is checked, and where its parts start.
    private struct Header {
        var baseOffset: Int64, partitionLeaderEpoch: Int32, magic: Int8, crc: UInt32
        var attributes: KafkaRecordBatch.Attributes, lastOffsetDelta: Int32, baseTimestamp: Int64, maxTimestamp: Int64
        var producerId: Int64, producerEpoch: Int16, baseSequence: Int32, count: Int
        /// Where the CRC's coverage starts (the attributes), where the records start, and the batch's end.
        var checkedFrom: Int, recordsFrom: Int, end: Int

        init(_ reader: inout ByteCursor) throws(KafkaDecodingError) {
            baseOffset = try reader.int64()
            let length = Int(try reader.int32())
            guard length >= KafkaRecordBatch.headerSize - 12, length <= reader.remaining else {
                throw .invalidLength(Int64(length))
            }
            end = reader.position + length
            partitionLeaderEpoch = try reader.int32()
            magic = Int8(bitPattern: try reader.byte())
            crc = UInt32(bitPattern: try reader.int32())
            checkedFrom = reader.position
            attributes = KafkaRecordBatch.Attributes(rawValue: try reader.int16())
            lastOffsetDelta = try reader.int32()
            baseTimestamp = try reader.int64()
            maxTimestamp = try reader.int64()
            producerId = try reader.int64()
            producerEpoch = try reader.int16()
            baseSequence = try reader.int32()
            count = Int(try reader.int32())
            recordsFrom = reader.position
        }
    }

    /// Walks `count` records, checking each one's lengths as `KafkaRecord` would, and leaves nothing over.
    private static func spans(of bytes: ArraySlice<UInt8>, count: Int) throws(KafkaDecodingError) -> [Span] {
        guard count >= 0, count <= bytes.count / KafkaRecord.minimumSize else { throw .invalidLength(Int64(count)) }
        // A span keeps its indices in Int32 (a frame is far smaller).
        guard bytes.endIndex <= Int(Int32.max) else { throw .invalidLength(Int64(bytes.endIndex)) }
        // Written in place (a batch of a megabyte has some ten thousand records), and cut short on a refusal.
        var failure: KafkaDecodingError?
        let spans = [Span](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(KafkaDecodingError) {
                try ByteCursor.reading(bytes, from: bytes.startIndex, to: bytes.endIndex) { (reader) throws(KafkaDecodingError) in
                    for index in 0..<count {
                        buffer.initializeElement(at: index, to: try span(from: &reader))
                        initialized = index + 1
                    }
                    if reader.remaining != 0 { throw .trailingBytes(reader.remaining) }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return spans
    }

    /// The next record's span, its length prefix and all.
    @inline(__always)
    private static func span(from reader: inout ByteCursor) throws(KafkaDecodingError) -> Span {
        let length = Int(try reader.varint())
        guard length >= KafkaRecord.minimumSize - 1 else { throw .invalidLength(Int64(length)) }
        return try reader.within(length) { (body) throws(KafkaDecodingError) -> Span in
            let attributes = Int8(bitPattern: try body.byte())
            let timestampDelta = try body.varlong()
            let offsetDelta = try body.varint()
            let key = try body.lengthPrefixed()
            let value = try body.lengthPrefixed()
            let headerCount = Int(try body.varint())
            // A header takes two bytes at least: its key length and its value length.
            guard headerCount >= 0, headerCount <= body.remaining / 2 else { throw .invalidLength(Int64(headerCount)) }
            let headersStart = body.position
            for _ in 0..<headerCount {
                guard try body.lengthPrefixed() != nil else { throw .unexpectedNull(field: "header key") }
                _ = try body.lengthPrefixed()
            }
            return Span(attributes: attributes, timestampDelta: timestampDelta, offsetDelta: offsetDelta,
                        key: key, value: value, headerCount: headerCount, headers: headersStart..<body.position)
        }
    }

    /// Record `span`'s headers, decoded (they were checked when the batch was indexed).
    public func headers(of span: Span) -> [KafkaRecordHeader] {
        guard span.headerCount > 0 else { return [] }
        var headers: [KafkaRecordHeader] = []
        headers.reserveCapacity(span.headerCount)
        do throws(KafkaDecodingError) {
            try ByteCursor.reading(recordBytes, from: span.headers.lowerBound, to: span.headers.upperBound) { reader throws(KafkaDecodingError) in
                for _ in 0..<span.headerCount {
                    guard let key = try reader.lengthPrefixed() else { break }
                    let value = try reader.lengthPrefixed()
                    headers.append(KafkaRecordHeader(key: String(decoding: recordBytes[key], as: UTF8.self),
                                                     value: value.map { Array(recordBytes[$0]) }))
                }
            }
        } catch {
            // Not reached: indexing the batch read these same headers.
        }
        return headers
    }

    /// The record `span` names, as a value.
    public func record(_ span: Span) -> KafkaRecord {
        KafkaRecord(offsetDelta: span.offsetDelta, timestampDelta: span.timestampDelta,
                    key: span.key.map { Array(recordBytes[$0]) }, value: span.value.map { Array(recordBytes[$0]) },
                    headers: headers(of: span), attributes: span.attributes)
    }
}
