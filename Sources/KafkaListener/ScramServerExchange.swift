/// The server's side of one SCRAM exchange (RFC 5802, RFC 7677), as Kafka runs it (KIP-84): the client's first
/// message (user and nonce) gets the salt, the iteration count and the nonce extended; the client's final
/// message carries its proof, which the server checks against the stored key and answers with its own signature.
/// Channel binding is not offered: Kafka clients send `n,,`.
struct ScramServerExchange: Sendable {
    /// Why an exchange failed; the words go back in SaslAuthenticate's error message.
    struct Failure: Error, Sendable, Equatable {
        let reason: String
    }

    let credential: ScramCredential
    /// `n=user,r=client-nonce`, which the signatures cover.
    let clientFirstBare: String
    /// `n,,` or `n,a=user,`, which the client's final message echoes in `c=`.
    let gs2Header: String
    /// The client's nonce followed by the server's.
    let nonce: String
    /// `r=nonce,s=salt,i=iterations`.
    let serverFirst: String

    /// Reads the client's first message for `user` and answers it; `serverNonce` is random (RFC test vectors fix it).
    static func start(_ message: [UInt8], user expectedUser: String, credential: ScramCredential,
                      serverNonce: String = randomNonce()) throws(Failure) -> (exchange: ScramServerExchange, reply: [UInt8]) {
        let text = try printable(message)
        // gs2-header: "n" (no channel binding) or "y" (client could but thinks the server cannot), an optional authzid.
        let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "n" || parts[0] == "y" else {
            throw Failure(reason: parts.first?.hasPrefix("p=") == true
                ? "SCRAM channel binding is not supported" : "malformed SCRAM client-first message")
        }
        let authzid = parts[1]
        guard authzid.isEmpty || authzid.hasPrefix("a=") else { throw Failure(reason: "malformed SCRAM authorization id") }
        let bare = String(parts[2])
        let attributes = bare.split(separator: ",", omittingEmptySubsequences: false)
        guard attributes.count >= 2, attributes[0].hasPrefix("n="), attributes[1].hasPrefix("r="),
              attributes[1].count > 2 else {
            throw Failure(reason: "a SCRAM client-first message needs n=user,r=nonce (mandatory extensions are not supported)")
        }
        guard let user = saslName(attributes[0].dropFirst(2)) else { throw Failure(reason: "malformed SCRAM user name") }
        if !authzid.isEmpty, saslName(authzid.dropFirst(2)) != user {
            throw Failure(reason: "SCRAM authorization id differs from the user name")
        }
        guard KafkaService.sameBytes(Array(user.utf8), Array(expectedUser.utf8)) else {
            throw Failure(reason: "authentication failed: wrong user name or password")
        }
        let nonce = String(attributes[1].dropFirst(2)) + serverNonce
        let serverFirst = "r=\(nonce),s=\(Base64.encode(credential.salt)),i=\(credential.iterations)"
        let exchange = ScramServerExchange(credential: credential, clientFirstBare: bare, gs2Header: "\(parts[0]),\(authzid),",
                                           nonce: nonce, serverFirst: serverFirst)
        return (exchange, Array(serverFirst.utf8))
    }

    /// Checks the client's final message (`c=...,r=...,p=proof`); answers `v=server-signature` when the proof holds.
    func finish(_ message: [UInt8], crypto: LibCrypto) throws(Failure) -> [UInt8] {
        let text = try Self.printable(message)
        // The proof comes last and is base64, so it holds no comma.
        var attributes = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let last = attributes.popLast(), last.hasPrefix("p="), let proof = Base64.decode(last.dropFirst(2)),
              attributes.count >= 2, attributes[0].hasPrefix("c="), attributes[1].hasPrefix("r=") else {
            throw Failure(reason: "a SCRAM client-final message needs c=binding,r=nonce,p=proof")
        }
        let withoutProof = attributes.joined(separator: ",")
        guard Base64.decode(attributes[0].dropFirst(2)) == Array(gs2Header.utf8) else {
            throw Failure(reason: "SCRAM channel binding differs from the client-first message")
        }
        // librdkafka (2.0.2 at least) sends its own nonce again before the server's whole one; Kafka's broker accepts
        // a nonce that ends with its own, and so does this listener: the server's fresh part is still checked.
        guard attributes[1].dropFirst(2).hasSuffix(nonce) else { throw Failure(reason: "SCRAM nonce differs from the server's") }
        let digest = credential.digest
        let authMessage = Array("\(clientFirstBare),\(serverFirst),\(withoutProof)".utf8)
        let clientSignature = crypto.hmac(key: credential.storedKey, authMessage, digest)
        guard proof.count == clientSignature.count,
              KafkaService.sameBytes(crypto.hash(zip(proof, clientSignature).map { $0 ^ $1 }, digest), credential.storedKey) else {
            throw Failure(reason: "authentication failed: wrong user name or password")
        }
        return Array(("v=" + Base64.encode(crypto.hmac(key: credential.serverKey, authMessage, digest))).utf8)
    }

    /// 24 random bytes in base64: printable, with no comma.
    static func randomNonce() -> String {
        var random = SystemRandomNumberGenerator()
        return Base64.encode((0..<24).map { _ in UInt8.random(in: .min ... .max, using: &random) })
    }

    /// A saslname with `=2C` for `,` and `=3D` for `=`; nil when another `=` sequence is in it.
    static func saslName(_ text: Substring) -> String? {
        var name = ""
        var rest = text[...]
        while let equals = rest.firstIndex(of: "=") {
            name += rest[..<equals]
            let code = rest[equals...].prefix(3)
            switch code {
            case "=2C": name += ","
            case "=3D": name += "="
            default: return nil
            }
            rest = rest[rest.index(equals, offsetBy: 3)...]
        }
        return name + rest
    }

    /// The message as text: SCRAM messages are printable UTF-8.
    private static func printable(_ bytes: [UInt8]) throws(Failure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self), !text.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw Failure(reason: "a SCRAM message is not printable UTF-8")
        }
        return text
    }
}
