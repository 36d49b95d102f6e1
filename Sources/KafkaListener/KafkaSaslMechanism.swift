/// The SASL mechanisms the listener accepts, spelled as a SaslHandshake names them.
enum KafkaSaslMechanism: String, CaseIterable, Sendable {
    case plain = "PLAIN"
    case scramSHA256 = "SCRAM-SHA-256"
    case scramSHA512 = "SCRAM-SHA-512"

    /// The hash a SCRAM mechanism is built on; nil for PLAIN.
    var scramDigest: LibCrypto.Digest? {
        switch self {
        case .plain: nil
        case .scramSHA256: .sha256
        case .scramSHA512: .sha512
        }
    }
}
