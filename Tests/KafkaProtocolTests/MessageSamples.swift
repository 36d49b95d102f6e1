import KafkaProtocol

/// One generated message type with a builder of sample values, so a test can walk every message and version.
protocol MessageSamples: Sendable {
    var name: String { get }
    var versions: ClosedRange<Int16> { get }
    /// Encodes the sample at `version`, decodes the bytes and says whether the value and the bytes came back unchanged.
    func roundTrip(version: Int16, nulls: Bool) throws -> RoundTripOutcome
    /// Encodes the sample at `version`.
    func sampleBytes(version: Int16, nulls: Bool) throws -> [UInt8]
    /// Decodes `bytes` at `version`, discarding the value.
    func decode(_ bytes: [UInt8], version: Int16) throws(KafkaDecodingError)
}

/// What a round trip gave back.
struct RoundTripOutcome {
    let bytes: [UInt8]
    let valueSurvived: Bool
    let reencodedBytes: [UInt8]
}

struct Samples<Message: KafkaMessage>: MessageSamples {
    let make: @Sendable (Int16, Bool) -> Message

    init(_: Message.Type, _ make: @escaping @Sendable (Int16, Bool) -> Message) {
        self.make = make
    }

    var name: String { Message.messageName }
    var versions: ClosedRange<Int16> { Message.validVersions }

    func sampleBytes(version: Int16, nulls: Bool) throws -> [UInt8] {
        try make(version, nulls).encoded(version: version)
    }

    func roundTrip(version: Int16, nulls: Bool) throws -> RoundTripOutcome {
        let original = make(version, nulls)
        let bytes = try original.encoded(version: version)
        let decoded = try Message(bytes: bytes, version: version)
        return RoundTripOutcome(bytes: bytes, valueSurvived: decoded == original,
                                reencodedBytes: try decoded.encoded(version: version))
    }

    func decode(_ bytes: [UInt8], version: Int16) throws(KafkaDecodingError) {
        _ = try Message(bytes: bytes, version: version)
    }
}
