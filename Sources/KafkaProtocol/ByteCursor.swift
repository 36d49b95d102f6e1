/// Reads a record batch's fields from a window of shared bytes without copying them: lengths come back as
/// index ranges into the bytes, every one checked against the window first (the bytes are untrusted).
///
/// It reads through a pointer, valid only inside `reading`: every read is already checked against `end`, so
/// the slice's own bounds check on each byte (and its reference count) would be paid twice for nothing.
struct ByteCursor {
    /// The slice's bytes; `position` and `end` count in the slice's indices, from `indexBase`.
    private let bytes: UnsafeBufferPointer<UInt8>
    private let indexBase: Int
    var position: Int
    /// Where reading stops: the window's end, or a record's while `within` reads it.
    private(set) var end: Int

    private init(_ bytes: UnsafeBufferPointer<UInt8>, indexBase: Int, from start: Int, to end: Int) {
        self.bytes = bytes
        self.indexBase = indexBase
        position = start
        self.end = end
    }

    /// Runs `body` with a cursor over `bytes[start..<end]`.
    static func reading<Result>(
        _ bytes: ArraySlice<UInt8>, from start: Int, to end: Int, _ body: (inout ByteCursor) throws(KafkaDecodingError) -> Result
    ) throws(KafkaDecodingError) -> Result {
        precondition(bytes.startIndex <= start && start <= end && end <= bytes.endIndex, "a cursor outside its bytes")
        let outcome = bytes.withUnsafeBufferPointer { buffer in
            var cursor = ByteCursor(buffer, indexBase: bytes.startIndex, from: start, to: end)
            return Swift.Result { () throws(KafkaDecodingError) -> Result in try body(&cursor) }
        }
        return try outcome.get()
    }

    @inline(__always) private subscript(index: Int) -> UInt8 { bytes[index &- indexBase] }

    var remaining: Int { end - position }

    /// Reads the next `length` bytes with `body`, which must read all of them and nothing past them.
    @inline(__always)
    mutating func within<Result>(
        _ length: Int, _ body: (inout ByteCursor) throws(KafkaDecodingError) -> Result
    ) throws(KafkaDecodingError) -> Result {
        guard length >= 0, length <= remaining else { throw .invalidLength(Int64(length)) }
        let outer = end
        end = position + length
        defer { end = outer }
        let result = try body(&self)
        if remaining != 0 { throw .trailingBytes(remaining) }
        return result
    }

    @inline(__always)
    mutating func byte() throws(KafkaDecodingError) -> UInt8 {
        guard position < end else { throw .truncated(needed: 1, remaining: 0) }
        defer { position += 1 }
        return self[position]
    }

    private mutating func bigEndian<T: FixedWidthInteger>(_: T.Type) throws(KafkaDecodingError) -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { throw .truncated(needed: size, remaining: remaining) }
        var value: T = 0
        for index in position..<(position + size) { value = value << 8 | T(truncatingIfNeeded: self[index]) }
        position += size
        return value
    }

    mutating func int16() throws(KafkaDecodingError) -> Int16 { try bigEndian(Int16.self) }
    mutating func int32() throws(KafkaDecodingError) -> Int32 { try bigEndian(Int32.self) }
    mutating func int64() throws(KafkaDecodingError) -> Int64 { try bigEndian(Int64.self) }

    /// A record's varints are mostly one or two bytes (deltas, and lengths up to 8191): those are read inline.
    @inline(__always)
    private mutating func leb128(maxBytes: Int) throws(KafkaDecodingError) -> UInt64 {
        if position < end {
            let first = self[position]
            if first < 0x80 {
                position += 1
                return UInt64(first)
            }
            if position + 1 < end, self[position + 1] < 0x80 {
                defer { position += 2 }
                return UInt64(first & 0x7f) | UInt64(self[position + 1]) << 7
            }
        }
        return try leb128Bytes(maxBytes: maxBytes)
    }

    private mutating func leb128Bytes(maxBytes: Int) throws(KafkaDecodingError) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<maxBytes {
            let byte = try byte()
            value |= UInt64(byte & 0x7f) << (7 * UInt64(index))
            if byte & 0x80 == 0 { return value }
        }
        throw .varintTooLong
    }

    /// A zig-zag signed varint.
    @inline(__always)
    mutating func varint() throws(KafkaDecodingError) -> Int32 {
        let raw = UInt32(truncatingIfNeeded: try leb128(maxBytes: 5))
        return Int32(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A zig-zag signed varlong.
    @inline(__always)
    mutating func varlong() throws(KafkaDecodingError) -> Int64 {
        let raw = try leb128(maxBytes: 10)
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Bytes with a varint length, -1 for null: where they sit, skipped over.
    @inline(__always)
    mutating func lengthPrefixed() throws(KafkaDecodingError) -> Range<Int>? {
        let length = Int(try varint())
        if length == -1 { return nil }
        guard length >= 0, length <= remaining else { throw .invalidLength(Int64(length)) }
        defer { position += length }
        return position..<(position + length)
    }
}
