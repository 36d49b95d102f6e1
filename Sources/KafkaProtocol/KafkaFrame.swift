/// Reads and writes whole request and response frames: a header, then a body, after the 4-byte size prefix.
public enum KafkaFrame {
    /// Decodes one request (the bytes after the size prefix).
    ///
    /// An API or version this codec does not carry is reported with the correlation id, so that the caller can
    /// answer with the protocol's error rather than drop the connection. Bytes after the body are ignored.
    public static func decodeRequest(_ frame: [UInt8]) throws(KafkaRequestError) -> KafkaRequest {
        var reader = KafkaReader(frame)
        let apiKey: Int16, version: Int16, correlationId: Int32
        do throws(KafkaDecodingError) {
            apiKey = try reader.readInt16()
            version = try reader.readInt16()
            correlationId = try reader.readInt32()
        } catch {
            throw .malformed(error, correlationId: nil)
        }
        guard let api = KafkaApiKey(rawValue: apiKey), api.requestType.validVersions.contains(version) else {
            throw .unsupported(apiKey: apiKey, version: version, correlationId: correlationId)
        }
        reader = KafkaReader(frame)
        do throws(KafkaDecodingError) {
            let header = try RequestHeader(from: &reader, version: api.requestHeaderVersion(version))
            // Bytes after a complete body are ignored, as Kafka's own brokers do: librdkafka 2.0.2 (Debian's)
            // ends its ListGroups v4 and OffsetFetch v7 requests with a tagged-field byte or three too many, and
            // librdkafka 2.16's Metadata v12 carries three more (refusing them lost every confluent-kafka admin client).
            let body = try api.requestType.init(from: &reader, version: version)
            return KafkaRequest(header: header, api: api, body: body)
        } catch {
            throw .malformed(error, correlationId: correlationId)
        }
    }

    /// Encodes a request (without the size prefix); the header's key and version say how.
    public static func encodeRequest(header: RequestHeader, body: any KafkaApiMessage) throws(KafkaEncodingError) -> [UInt8] {
        let version = header.requestApiVersion
        let api = type(of: body).apiKey
        var writer = KafkaWriter()
        try header.encode(into: &writer, version: api.requestHeaderVersion(version))
        try body.encode(into: &writer, version: version)
        return writer.bytes
    }

    /// Encodes a response to a request of `api` at `version`, with its size prefix, ready for the socket.
    public static func encodeResponse(
        _ body: any KafkaApiMessage, api: KafkaApiKey, version: Int16, correlationId: Int32
    ) throws(KafkaEncodingError) -> [UInt8] {
        var writer = KafkaWriter()
        writer.writeInt32(0)
        var header = ResponseHeader()
        header.correlationId = correlationId
        try header.encode(into: &writer, version: api.responseHeaderVersion(version))
        try body.encode(into: &writer, version: version)
        writer.patchInt32(Int32(writer.count - 4), at: 0)
        return writer.bytes
    }

    /// Decodes a response (without the size prefix) to a request of `api` at `version`.
    public static func decodeResponse(
        _ frame: [UInt8], api: KafkaApiKey, version: Int16
    ) throws(KafkaDecodingError) -> (header: ResponseHeader, body: any KafkaApiMessage) {
        var reader = KafkaReader(frame)
        let header = try ResponseHeader(from: &reader, version: api.responseHeaderVersion(version))
        let body = try api.responseType.init(from: &reader, version: version)
        if reader.remaining != 0 { throw .trailingBytes(reader.remaining) }
        return (header, body)
    }
}

/// A decoded request: its header, which API it is, and its body.
public struct KafkaRequest: Sendable {
    public let header: RequestHeader
    public let api: KafkaApiKey
    public let body: any KafkaApiMessage

    public var version: Int16 { header.requestApiVersion }
    public var correlationId: Int32 { header.correlationId }
}

/// Why a request frame could not be decoded.
public enum KafkaRequestError: Error, Sendable {
    /// The API key or version is not one this codec carries: answer UNSUPPORTED_VERSION.
    case unsupported(apiKey: Int16, version: Int16, correlationId: Int32)
    /// The bytes do not decode; the correlation id is there when the header's first bytes were.
    case malformed(KafkaDecodingError, correlationId: Int32?)
}
