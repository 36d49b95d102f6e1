/// What the listener keeps of the password for one SCRAM mechanism (RFC 5802): the keys derived from it, so an
/// exchange checks a client's proof without the password and proves to the client that it knew it.
struct ScramCredential: Sendable {
    /// Kafka's least iteration count (KIP-84); clients refuse fewer.
    static let iterations = 4096

    let digest: LibCrypto.Digest
    let salt: [UInt8]
    let iterations: Int
    let storedKey: [UInt8]
    let serverKey: [UInt8]

    init(password: String, salt: [UInt8], iterations: Int = Self.iterations, _ digest: LibCrypto.Digest, crypto: LibCrypto) {
        let salted = crypto.pbkdf2(password: Array(password.utf8), salt: salt, iterations: iterations, digest)
        self.digest = digest
        self.salt = salt
        self.iterations = iterations
        storedKey = crypto.hash(crypto.hmac(key: salted, Array("Client Key".utf8), digest), digest)
        serverKey = crypto.hmac(key: salted, Array("Server Key".utf8), digest)
    }

    /// A fresh random salt, as each listener start makes one.
    static func randomSalt() -> [UInt8] {
        var random = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &random) }
    }
}
