/// Why bytes from the wire could not be read as a Kafka message.
public enum KafkaDecodingError: Error, Equatable, Sendable {
    /// The bytes ended before the field did.
    case truncated(needed: Int, remaining: Int)
    /// A length or count prefix is negative (other than -1 for null) or larger than what remains.
    case invalidLength(Int64)
    /// A varint ran over its maximum width.
    case varintTooLong
    /// Null arrived for a field that is not nullable at this version.
    case unexpectedNull(field: String)
    /// The API key or version is not one this codec knows.
    case unsupportedVersion(apiKey: Int16, version: Int16)
    /// Bytes were left after the message ended.
    case trailingBytes(Int)
    /// A record batch failed a structural check.
    case malformedRecordBatch(String)
}
