import KafkaProtocol
import Testing

/// Kafka's broker reads a request body as its version defines it and ignores what follows; so does this codec.
@Suite struct TrailingRequestBytesTests {
    /// A Metadata v12 request (all topics) as confluent-kafka 2.16.1 (librdkafka 2.16.0) sent it, three bytes
    /// beyond what v12 defines. Refusing it closed the connection and failed the client's list_topics().
    static let librdkafkaMetadataV12 = "0003000c00000003000772646b61666b610000000000010000"

    @Test func aMetadataV12FromLibrdkafka216DecodesAsKafkaReadsIt() throws {
        let request = try KafkaFrame.decodeRequest(Self.bytes(Self.librdkafkaMetadataV12))
        #expect(request.api == .metadata && request.version == 12 && request.correlationId == 3)
        #expect(request.header.clientId == "rdkafka")
        let body = try #require(request.body as? MetadataRequest)
        #expect(body.topics == nil, "null topics: every topic")
        #expect(body.allowAutoTopicCreation == false)
    }

    @Test func aBodyCutShortIsStillRefused() {
        let cut = Self.bytes(Self.librdkafkaMetadataV12).dropLast(7)
        #expect(throws: KafkaRequestError.self) { try KafkaFrame.decodeRequest(Array(cut)) }
    }

    static func bytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
    }
}
