/// The SASL mechanisms the attach offers, spelled as librdkafka's `sasl.mechanisms` wants them.
public enum SASLMechanism: String, Sendable, Equatable, CaseIterable {
    case plain = "PLAIN"
    case scramSHA256 = "SCRAM-SHA-256"
    case scramSHA512 = "SCRAM-SHA-512"

    /// Reads `plain`, `scram-sha-256`, `SCRAM-SHA-512`...; nil for anything else.
    public init?(flag: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue == flag.uppercased() }) else { return nil }
        self = match
    }

    /// How a flag's help and errors list the choices.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
