/// A versioned Kafka structure (a request or response body, a header, or a nested struct) that reads and writes itself.
public protocol KafkaCodable: Sendable, Equatable {
    /// A value with every field at its default.
    init()
    /// Reads the structure at `version`; throws rather than trusting any length it reads.
    init(from reader: inout KafkaReader, version: Int16) throws(KafkaDecodingError)
    /// Writes the structure at `version`.
    func encode(into writer: inout KafkaWriter, version: Int16) throws(KafkaEncodingError)
}

/// A top-level message from one of Kafka's JSON definitions.
public protocol KafkaMessage: KafkaCodable {
    /// The definition's name, e.g. `FetchRequest`.
    static var messageName: String { get }
    /// The versions the definition describes.
    static var validVersions: ClosedRange<Int16> { get }
    /// Whether `version` uses compact strings, compact arrays and tagged fields.
    static func isFlexible(_ version: Int16) -> Bool
}

/// A request or response body, with the API key it belongs to.
public protocol KafkaApiMessage: KafkaMessage {
    static var apiKey: KafkaApiKey { get }
}

extension KafkaMessage {
    /// Decodes a whole buffer as one message at `version`; left-over bytes are an error.
    public init(bytes: [UInt8], version: Int16) throws(KafkaDecodingError) {
        var reader = KafkaReader(bytes)
        try self.init(from: &reader, version: version)
        if reader.remaining != 0 { throw .trailingBytes(reader.remaining) }
    }

    /// Encodes the message alone at `version`.
    public func encoded(version: Int16) throws(KafkaEncodingError) -> [UInt8] {
        guard Self.validVersions.contains(version) else {
            throw .unsupportedVersion(message: Self.messageName, version: version)
        }
        var writer = KafkaWriter()
        try encode(into: &writer, version: version)
        return writer.bytes
    }
}
