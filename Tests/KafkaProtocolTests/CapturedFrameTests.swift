import KafkaProtocol
import Testing

/// Frames real clients sent and a real broker answered, decoded and re-encoded byte for byte.
@Suite struct CapturedFrameTests {
    /// Tansu writes tagged fields that hold their default values (an empty NodeEndpoints, a FinalizedFeaturesEpoch
    /// of -1); Kafka's own brokers, and this codec, leave those out. Such frames must decode to the same value again,
    /// not to the same bytes.
    static let brokerWritesDefaultTaggedFields: Set<String> = ["ApiVersions", "Fetch"]

    @Test func everyCapturedRequestDecodesAndReencodesToTheSameBytes() throws {
        let requests = try Fixture.all().filter { $0.isRequest && $0.api != nil }
        #expect(requests.count >= 25)
        for fixture in requests {
            let request = try KafkaFrame.decodeRequest(fixture.bytes)
            #expect(request.api == fixture.api, "\(fixture)")
            #expect(request.version == fixture.version, "\(fixture)")
            let reencoded = try KafkaFrame.encodeRequest(header: request.header, body: request.body)
            #expect(firstDifference(reencoded, fixture.bytes) == nil, "\(fixture)")
        }
    }

    @Test func everyCapturedResponseDecodesAndReencodesToTheSameValueAndCanonicalBytes() throws {
        let responses = try Fixture.all().filter { !$0.isRequest && $0.api != nil }
        #expect(responses.count >= 25)
        for fixture in responses {
            let api = try #require(fixture.api)
            let (header, body) = try KafkaFrame.decodeResponse(fixture.bytes, api: api, version: fixture.version)
            let reencoded = Array(try KafkaFrame.encodeResponse(body, api: api, version: fixture.version,
                                                                correlationId: header.correlationId).dropFirst(4))
            let again = try KafkaFrame.decodeResponse(reencoded, api: api, version: fixture.version)
            #expect(again.header == header, "\(fixture)")
            #expect(sameMessage(again.body, body), "\(fixture)")
            if !Self.brokerWritesDefaultTaggedFields.contains(fixture.apiName) || !api.responseType.isFlexible(fixture.version) {
                #expect(firstDifference(reencoded, fixture.bytes) == nil, "\(fixture)")
            }
        }
    }

    @Test func aRequestForAnApiThisCodecDoesNotCarryIsReportedWithItsCorrelationId() throws {
        let fixture = try Fixture.load("librdkafka-2.16-none-GetTelemetrySubscriptions-v0-request.bin")
        #expect(fixture.api == nil)
        do {
            _ = try KafkaFrame.decodeRequest(fixture.bytes)
            Issue.record("decoded an API the codec does not carry")
        } catch {
            guard case let .unsupported(apiKey, version, _) = error else { throw error }
            #expect(apiKey == 71 && version == 0)
        }
    }

    @Test func librdkafkaClientsNameThemselvesInTheirApiVersionsRequest() throws {
        // confluent-kafka names itself over librdkafka's default name and appends the library's version.
        for (name, software, version) in [
            ("librdkafka-2.16-none-ApiVersions-v3-request.bin", "confluent-kafka-python", "2.16.1-rdkafka-2.16.0"),
            ("kcat-1.7-librdkafka-2.0-ApiVersions-v3-request.bin", "librdkafka", "2.0.2"),
        ] {
            let request = try KafkaFrame.decodeRequest(try Fixture.load(name).bytes)
            let body = try #require(request.body as? ApiVersionsRequest)
            #expect(request.header.clientId == "rdkafka")
            #expect(body.clientSoftwareName == software)
            #expect(body.clientSoftwareVersion == version)
        }
    }

    @Test func kafkaPythonAsksForItsTopicAndSendsItsClientId() throws {
        let request = try KafkaFrame.decodeRequest(try Fixture.load("kafka-python-3.0-Produce-v9-request.bin").bytes)
        let produce = try #require(request.body as? ProduceRequest)
        #expect(request.header.clientId == "kp-capture")
        #expect(produce.topicData.map(\.name) == ["kp-topic"])
        #expect(produce.topicData.first?.partitionData.first?.index == 0)
        #expect(produce.topicData.first?.partitionData.first?.records?.isEmpty == false)
    }

    @Test func bytesAfterACompleteRequestBodyAreIgnoredAsKafkasBrokersDo() throws {
        // librdkafka 2.0.2 ends ListGroups v4 and OffsetFetch v7 requests with extra bytes; Kafka reads past them.
        let fixture = try Fixture.load("kafka-python-3.0-Produce-v9-request.bin")
        let clean = try KafkaFrame.decodeRequest(fixture.bytes)
        let padded = try KafkaFrame.decodeRequest(fixture.bytes + [0, 0, 0])
        #expect(padded.header == clean.header)
        #expect(sameMessage(padded.body, clean.body))
    }

    @Test func theBrokersApiVersionsAnswerListsProduceAndFetch() throws {
        let fixture = try Fixture.load("librdkafka-2.16-none-ApiVersions-v3-response.bin")
        let (_, body) = try KafkaFrame.decodeResponse(fixture.bytes, api: .apiVersions, version: 3)
        let response = try #require(body as? ApiVersionsResponse)
        #expect(response.errorCode == 0)
        let keys = Set(response.apiKeys.map(\.apiKey))
        #expect(keys.isSuperset(of: [KafkaApiKey.produce.rawValue, KafkaApiKey.fetch.rawValue, KafkaApiKey.metadata.rawValue]))
    }
}

/// Where two byte arrays first differ, with a few bytes of each from there; nil when they are equal.
func firstDifference(_ left: [UInt8], _ right: [UInt8]) -> String? {
    guard left != right else { return nil }
    let index = zip(left, right).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(left.count, right.count)
    return "at byte \(index) of \(left.count) vs \(right.count): \(left[index...].prefix(8)) vs \(right[index...].prefix(8))"
}

/// Whether two existential messages are of one type and equal.
func sameMessage(_ left: any KafkaApiMessage, _ right: any KafkaApiMessage) -> Bool {
    func equals<M: KafkaApiMessage>(_ left: M) -> Bool { (right as? M) == left }
    return equals(left)
}
