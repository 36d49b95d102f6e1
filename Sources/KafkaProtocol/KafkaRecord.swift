/// One record inside a v2 batch: offset and timestamp as deltas from the batch's base.
public struct KafkaRecord: Sendable, Equatable {
    /// Unused by Kafka so far; kept so a record re-encodes as it came.
    public var attributes: Int8
    public var timestampDelta: Int64
    public var offsetDelta: Int32
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [KafkaRecordHeader]

    public init(offsetDelta: Int32, timestampDelta: Int64 = 0, key: [UInt8]? = nil, value: [UInt8]?,
                headers: [KafkaRecordHeader] = [], attributes: Int8 = 0) {
        self.attributes = attributes
        self.timestampDelta = timestampDelta
        self.offsetDelta = offsetDelta
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// The smallest record: length, attributes, three zero deltas, null key, null value, no headers.
    static let minimumSize = 7

    func encode(into writer: inout KafkaWriter) {
        var body = KafkaWriter()
        body.writeInt8(attributes)
        body.writeVarlong(timestampDelta)
        body.writeVarint(offsetDelta)
        body.writeVarintBytes(key)
        body.writeVarintBytes(value)
        body.writeVarint(Int32(headers.count))
        for header in headers {
            body.writeVarintBytes(Array(header.key.utf8))
            body.writeVarintBytes(header.value)
        }
        writer.writeVarint(Int32(body.count))
        writer.writeRaw(body.bytes)
    }
}

/// A record header: a string key and optional bytes.
public struct KafkaRecordHeader: Sendable, Equatable {
    public var key: String
    public var value: [UInt8]?

    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

extension KafkaWriter {
    mutating func writeVarintBytes(_ value: [UInt8]?) {
        guard let value else { return writeVarint(-1) }
        writeVarint(Int32(value.count))
        writeRaw(value)
    }
}
