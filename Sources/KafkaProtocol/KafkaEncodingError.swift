/// Why a message could not be written at the version asked for.
public enum KafkaEncodingError: Error, Equatable, Sendable {
    /// A field that this version does not carry holds a value other than its default, and Kafka does not allow it to be dropped silently.
    case fieldNotInVersion(field: String, version: Int16)
    /// A field is nil but this version has no way to say null.
    case nullNotAllowed(field: String, version: Int16)
    /// The message has no such version.
    case unsupportedVersion(message: String, version: Int16)
}
