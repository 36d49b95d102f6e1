/// Reads Kafka's primitive types from untrusted bytes.
///
/// Every length and count is checked against the bytes that remain before anything is allocated,
/// so a hostile prefix costs an error, never memory.
public struct KafkaReader: Sendable {
    let storage: [UInt8]
    var position: Int
    let end: Int

    public init(_ bytes: [UInt8]) {
        storage = bytes
        position = 0
        end = bytes.count
    }

    /// Bytes not yet read.
    public var remaining: Int { end - position }
    /// How far into the buffer the reader is.
    public var offset: Int { position }

    mutating func take(_ count: Int) throws(KafkaDecodingError) -> Range<Int> {
        guard count <= end - position else { throw .truncated(needed: count, remaining: end - position) }
        defer { position += count }
        return position..<(position + count)
    }

    mutating func readBigEndian<T: FixedWidthInteger>(_: T.Type) throws(KafkaDecodingError) -> T {
        let range = try take(MemoryLayout<T>.size)
        var value: T = 0
        for index in range { value = value << 8 | T(truncatingIfNeeded: storage[index]) }
        return value
    }

    public mutating func readInt8() throws(KafkaDecodingError) -> Int8 { try readBigEndian(Int8.self) }
    public mutating func readInt16() throws(KafkaDecodingError) -> Int16 { try readBigEndian(Int16.self) }
    public mutating func readUInt16() throws(KafkaDecodingError) -> UInt16 { try readBigEndian(UInt16.self) }
    public mutating func readInt32() throws(KafkaDecodingError) -> Int32 { try readBigEndian(Int32.self) }
    public mutating func readUInt32() throws(KafkaDecodingError) -> UInt32 { try readBigEndian(UInt32.self) }
    public mutating func readInt64() throws(KafkaDecodingError) -> Int64 { try readBigEndian(Int64.self) }
    public mutating func readFloat64() throws(KafkaDecodingError) -> Double { Double(bitPattern: try readBigEndian(UInt64.self)) }
    public mutating func readBool() throws(KafkaDecodingError) -> Bool { try readInt8() != 0 }
    public mutating func readUUID() throws(KafkaDecodingError) -> KafkaUUID {
        KafkaUUID(high: try readBigEndian(UInt64.self), low: try readBigEndian(UInt64.self))
    }

    /// An unsigned LEB128 varint of at most `maxBytes` bytes.
    mutating func readUnsignedLEB128(maxBytes: Int) throws(KafkaDecodingError) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<maxBytes {
            let byte = storage[try take(1).lowerBound]
            value |= UInt64(byte & 0x7f) << (7 * UInt64(index))
            if byte & 0x80 == 0 { return value }
        }
        throw .varintTooLong
    }

    public mutating func readUnsignedVarint() throws(KafkaDecodingError) -> UInt32 {
        let value = try readUnsignedLEB128(maxBytes: 5)
        guard value <= UInt64(UInt32.max) else { throw .varintTooLong }
        return UInt32(value)
    }

    /// A zig-zag signed varint (record fields).
    public mutating func readVarint() throws(KafkaDecodingError) -> Int32 {
        let raw = UInt32(truncatingIfNeeded: try readUnsignedLEB128(maxBytes: 5))
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A zig-zag signed varlong (record fields).
    public mutating func readVarlong() throws(KafkaDecodingError) -> Int64 {
        let raw = try readUnsignedLEB128(maxBytes: 10)
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A length prefix: int16/int32 for classic encodings, unsigned varint N+1 for compact ones; nil means null.
    mutating func readLength(compact: Bool, wide: Bool) throws(KafkaDecodingError) -> Int? {
        let length: Int64
        if compact {
            length = Int64(try readUnsignedVarint()) - 1
        } else if wide {
            length = Int64(try readInt32())
        } else {
            length = Int64(try readInt16())
        }
        if length == -1 { return nil }
        guard length >= 0, length <= Int64(remaining) else { throw .invalidLength(length) }
        return Int(length)
    }

    public mutating func readNullableString(compact: Bool) throws(KafkaDecodingError) -> String? {
        guard let length = try readLength(compact: compact, wide: false) else { return nil }
        return String(decoding: storage[try take(length)], as: UTF8.self)
    }

    public mutating func readString(compact: Bool, field: String) throws(KafkaDecodingError) -> String {
        guard let value = try readNullableString(compact: compact) else { throw .unexpectedNull(field: field) }
        return value
    }

    public mutating func readNullableBytes(compact: Bool) throws(KafkaDecodingError) -> [UInt8]? {
        try readNullableRecords(compact: compact).map(Array.init)
    }

    public mutating func readBytes(compact: Bool, field: String) throws(KafkaDecodingError) -> [UInt8] {
        guard let value = try readNullableBytes(compact: compact) else { throw .unexpectedNull(field: field) }
        return value
    }

    /// A request's records field (its record batches) as a view of the frame, not a copy: a produce request's
    /// batches are checked and stored straight from the bytes they came in. nil means null.
    public mutating func readNullableRecords(compact: Bool) throws(KafkaDecodingError) -> ArraySlice<UInt8>? {
        guard let length = try readLength(compact: compact, wide: true) else { return nil }
        return storage[try take(length)]
    }

    public mutating func readRecords(compact: Bool, field: String) throws(KafkaDecodingError) -> ArraySlice<UInt8> {
        guard let value = try readNullableRecords(compact: compact) else { throw .unexpectedNull(field: field) }
        return value
    }

    /// Reads `count` raw bytes (record batch payloads).
    public mutating func readRaw(_ count: Int) throws(KafkaDecodingError) -> ArraySlice<UInt8> {
        guard count >= 0 else { throw .invalidLength(Int64(count)) }
        return storage[try take(count)]
    }

    /// An array whose elements each take at least `minElementSize` bytes; nil means null.
    ///
    /// The count is refused if the remaining bytes could not hold that many elements.
    public mutating func readNullableArray<Element>(
        compact: Bool, minElementSize: Int,
        _ element: (inout KafkaReader) throws(KafkaDecodingError) -> Element
    ) throws(KafkaDecodingError) -> [Element]? {
        guard let count = try readLength(compact: compact, wide: true) else { return nil }
        guard count <= remaining / Swift.max(1, minElementSize) else { throw .invalidLength(Int64(count)) }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try element(&self)) }
        return elements
    }

    public mutating func readArray<Element>(
        compact: Bool, minElementSize: Int, field: String,
        _ element: (inout KafkaReader) throws(KafkaDecodingError) -> Element
    ) throws(KafkaDecodingError) -> [Element] {
        guard let value = try readNullableArray(compact: compact, minElementSize: minElementSize, element) else {
            throw .unexpectedNull(field: field)
        }
        return value
    }

    /// The number of tagged fields that follow; each takes at least two bytes (its tag and its size).
    public mutating func readTaggedFieldCount() throws(KafkaDecodingError) -> Int {
        let count = Int(try readUnsignedVarint())
        guard count <= remaining / 2 else { throw .invalidLength(Int64(count)) }
        return count
    }

    /// One tagged field: its tag and the bytes of its value.
    public mutating func readTaggedField() throws(KafkaDecodingError) -> KafkaTaggedField {
        let tag = try readUnsignedVarint()
        let size = Int(try readUnsignedVarint())
        return KafkaTaggedField(tag: tag, bytes: Array(storage[try take(size)]))
    }
}
