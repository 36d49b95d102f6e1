/// Writes Kafka's primitive types into a growing byte buffer.
public struct KafkaWriter: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    mutating func writeBigEndian<T: FixedWidthInteger>(_ value: T) {
        var shift = T.bitWidth - 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    public mutating func writeInt8(_ value: Int8) { writeBigEndian(value) }
    public mutating func writeInt16(_ value: Int16) { writeBigEndian(value) }
    public mutating func writeUInt16(_ value: UInt16) { writeBigEndian(value) }
    public mutating func writeInt32(_ value: Int32) { writeBigEndian(value) }
    public mutating func writeUInt32(_ value: UInt32) { writeBigEndian(value) }
    public mutating func writeInt64(_ value: Int64) { writeBigEndian(value) }
    public mutating func writeFloat64(_ value: Double) { writeBigEndian(value.bitPattern) }
    public mutating func writeBool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    public mutating func writeUUID(_ value: KafkaUUID) {
        writeBigEndian(value.high)
        writeBigEndian(value.low)
    }

    mutating func writeUnsignedLEB128(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    public mutating func writeUnsignedVarint(_ value: UInt32) { writeUnsignedLEB128(UInt64(value)) }
    public mutating func writeVarint(_ value: Int32) {
        writeUnsignedLEB128(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }
    public mutating func writeVarlong(_ value: Int64) {
        writeUnsignedLEB128(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// A length prefix, or null when `length` is nil.
    mutating func writeLength(_ length: Int?, compact: Bool, wide: Bool) {
        if compact {
            writeUnsignedVarint(UInt32(truncatingIfNeeded: (length ?? -1) + 1))
        } else if wide {
            writeInt32(Int32(truncatingIfNeeded: length ?? -1))
        } else {
            writeInt16(Int16(truncatingIfNeeded: length ?? -1))
        }
    }

    public mutating func writeNullableString(_ value: String?, compact: Bool) {
        guard let value else { return writeLength(nil, compact: compact, wide: false) }
        let utf8 = value.utf8
        writeLength(utf8.count, compact: compact, wide: false)
        bytes.append(contentsOf: utf8)
    }

    public mutating func writeString(_ value: String, compact: Bool) { writeNullableString(value, compact: compact) }

    /// Bytes with their length, as an array or as a view of the bytes a request was read from (its records).
    public mutating func writeNullableBytes<Bytes: Collection<UInt8>>(_ value: Bytes?, compact: Bool) {
        guard let value else { return writeLength(nil, compact: compact, wide: true) }
        writeLength(value.count, compact: compact, wide: true)
        bytes.append(contentsOf: value)
    }

    public mutating func writeBytes(_ value: [UInt8], compact: Bool) { writeNullableBytes(value, compact: compact) }

    /// A request's records field, held as a view of the bytes it was read from (see `KafkaReader.readNullableRecords`).
    public mutating func writeNullableRecords(_ value: ArraySlice<UInt8>?, compact: Bool) { writeNullableBytes(value, compact: compact) }

    public mutating func writeRecords(_ value: ArraySlice<UInt8>, compact: Bool) { writeNullableRecords(value, compact: compact) }

    /// Appends bytes with no prefix (record batch payloads, pre-encoded parts).
    public mutating func writeRaw<Bytes: Sequence>(_ value: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: value)
    }

    /// Overwrites four bytes already written (a size or CRC known only afterwards).
    public mutating func patchInt32(_ value: Int32, at offset: Int) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
    }

    public mutating func writeNullableArray<Element>(
        _ value: [Element]?, compact: Bool,
        _ element: (inout KafkaWriter, Element) throws(KafkaEncodingError) -> Void
    ) throws(KafkaEncodingError) {
        writeLength(value?.count, compact: compact, wide: true)
        for item in value ?? [] { try element(&self, item) }
    }

    public mutating func writeArray<Element>(
        _ value: [Element], compact: Bool,
        _ element: (inout KafkaWriter, Element) throws(KafkaEncodingError) -> Void
    ) throws(KafkaEncodingError) {
        try writeNullableArray(value, compact: compact, element)
    }

    /// Writes a tagged-field section: the known fields (already encoded) and the unknown ones kept from decoding, by tag.
    public mutating func writeTaggedFields(_ known: [KafkaTaggedField], unknown: [KafkaTaggedField]) {
        let fields = unknown.isEmpty ? known : (known + unknown).sorted { $0.tag < $1.tag }
        writeUnsignedVarint(UInt32(fields.count))
        for field in fields {
            writeUnsignedVarint(field.tag)
            writeUnsignedVarint(UInt32(field.bytes.count))
            bytes.append(contentsOf: field.bytes)
        }
    }

    /// Encodes one tagged field's value into its own buffer, to learn its size.
    public static func tagged(
        _ tag: UInt32, _ body: (inout KafkaWriter) throws(KafkaEncodingError) -> Void
    ) throws(KafkaEncodingError) -> KafkaTaggedField {
        var writer = KafkaWriter()
        try body(&writer)
        return KafkaTaggedField(tag: tag, bytes: writer.bytes)
    }
}
