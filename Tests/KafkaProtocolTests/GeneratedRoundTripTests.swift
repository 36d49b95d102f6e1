import KafkaProtocol
import Testing

@Suite struct GeneratedRoundTripTests {
    @Test func everyMessageCarriesTheApisTheListenerNeedsAndBothHeaders() {
        let names = Set(allMessageSamples.map(\.name))
        for api in KafkaApiKey.allCases {
            #expect(names.contains(api.requestType.messageName))
            #expect(names.contains(api.responseType.messageName))
        }
        #expect(names.contains("RequestHeader") && names.contains("ResponseHeader"))
        #expect(KafkaApiKey.allCases.count == 24)
    }

    @Test(arguments: [false, true])
    func everyMessageRoundTripsAtEveryVersion(nulls: Bool) throws {
        for samples in allMessageSamples {
            for version in samples.versions {
                let outcome = try samples.roundTrip(version: version, nulls: nulls)
                #expect(outcome.valueSurvived, "\(samples.name) v\(version)")
                #expect(outcome.reencodedBytes == outcome.bytes, "\(samples.name) v\(version)")
            }
        }
    }

    @Test func everyStrictPrefixOfAnEncodedMessageIsRefused() throws {
        for samples in allMessageSamples {
            for version in samples.versions {
                let bytes = try samples.sampleBytes(version: version, nulls: false)
                for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 64)) {
                    #expect(throws: KafkaDecodingError.self, "\(samples.name) v\(version) cut at \(length)") {
                        try samples.decode(Array(bytes[..<length]), version: version)
                    }
                }
            }
        }
    }
}
