import KafkaProtocol

extension KafkaService {
    /// PLAIN always; SCRAM-SHA-256 and SCRAM-SHA-512 when libcrypto could derive their keys.
    var saslMechanisms: [KafkaSaslMechanism] {
        KafkaSaslMechanism.allCases.filter { $0.scramDigest == nil || scramCredentials[$0] != nil }
    }

    func saslHandshake(_ request: SaslHandshakeRequest, connection: ConnectionState) -> SaslHandshakeResponse {
        var response = SaslHandshakeResponse()
        response.mechanisms = saslMechanisms.map(\.rawValue)
        if let mechanism = KafkaSaslMechanism(rawValue: request.mechanism), saslMechanisms.contains(mechanism) {
            connection.mechanism = mechanism
            connection.scram = nil
        } else {
            response.errorCode = KafkaErrorCode.unsupportedSaslMechanism.rawValue
        }
        return response
    }

    /// Checks a PLAIN token or one step of a SCRAM exchange; a failure is answered, then the connection closed.
    func saslAuthenticate(_ body: SaslAuthenticateRequest, request: KafkaRequest, connection: ConnectionState)
        throws(KafkaEncodingError) -> Outcome {
        var response = SaslAuthenticateResponse()
        guard let credentials = configuration.credentials, let mechanism = connection.mechanism, !connection.authenticated else {
            response.errorCode = KafkaErrorCode.illegalSaslState.rawValue
            response.errorMessage = connection.authenticated ? "already authenticated"
                : "SaslAuthenticate before a SaslHandshake that chose a mechanism"
            return try refuse(response, to: request)
        }
        guard mechanism.scramDigest != nil else {
            guard Self.plainTokenMatches(body.authBytes, credentials) else {
                return try refuse(failed("authentication failed: wrong user name or password"), to: request)
            }
            connection.authenticated = true
            return try respond(response, to: request)
        }
        guard let credential = scramCredentials[mechanism], case .success(let crypto) = LibCrypto.shared else {
            return try refuse(failed("\(mechanism.rawValue) is not available"), to: request)
        }
        do throws(ScramServerExchange.Failure) {
            if let exchange = connection.scram {
                response.authBytes = try exchange.finish(body.authBytes, crypto: crypto)
                connection.scram = nil
                connection.authenticated = true
            } else {
                let (exchange, reply) = try ScramServerExchange.start(body.authBytes, user: credentials.user, credential: credential)
                connection.scram = exchange
                response.authBytes = reply
            }
        } catch {
            return try refuse(failed(error.reason), to: request)
        }
        return try respond(response, to: request)
    }

    /// "authzid NUL user NUL password" (RFC 4616).
    static func plainTokenMatches(_ token: [UInt8], _ credentials: KafkaCredentials) -> Bool {
        let parts = token.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count == 3 && sameBytes(Array(parts[1]), Array(credentials.user.utf8))
            && sameBytes(Array(parts[2]), Array(credentials.password.utf8))
    }

    private func failed(_ reason: String) -> SaslAuthenticateResponse {
        var response = SaslAuthenticateResponse()
        response.errorCode = KafkaErrorCode.saslAuthenticationFailed.rawValue
        response.errorMessage = reason
        return response
    }

    private func refuse(_ response: SaslAuthenticateResponse, to request: KafkaRequest) throws(KafkaEncodingError) -> Outcome {
        let bytes = try KafkaFrame.encodeResponse(response, api: request.api, version: request.version,
                                                  correlationId: request.correlationId)
        return .respondAndClose(bytes, "SASL authentication failed (\(response.errorCode))")
    }

    /// Compares in time that depends on the lengths only, so a wrong guess says nothing about how close it was.
    static func sameBytes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The keys each SCRAM mechanism checks proofs with, derived once from the password and a fresh salt.
    static func scramCredentials(for credentials: KafkaCredentials?) -> [KafkaSaslMechanism: ScramCredential] {
        guard let credentials, case .success(let crypto) = LibCrypto.shared else { return [:] }
        let salt = ScramCredential.randomSalt()
        var derived: [KafkaSaslMechanism: ScramCredential] = [:]
        for mechanism in KafkaSaslMechanism.allCases {
            guard let digest = mechanism.scramDigest else { continue }
            derived[mechanism] = ScramCredential(password: credentials.password, salt: salt, digest, crypto: crypto)
        }
        return derived
    }
}
