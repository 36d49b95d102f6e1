import KafkaProtocol

extension KafkaService {
    static let plainMechanism = "PLAIN"

    func saslHandshake(_ request: SaslHandshakeRequest, connection: ConnectionState) -> SaslHandshakeResponse {
        var response = SaslHandshakeResponse()
        response.mechanisms = [Self.plainMechanism]
        if request.mechanism == Self.plainMechanism {
            connection.mechanismChosen = true
        } else {
            response.errorCode = KafkaErrorCode.unsupportedSaslMechanism.rawValue
        }
        return response
    }

    /// Checks a PLAIN token ("authzid NUL user NUL password", RFC 4616); a failure is answered, then the connection closed.
    func saslAuthenticate(_ body: SaslAuthenticateRequest, request: KafkaRequest, connection: ConnectionState)
        throws(KafkaEncodingError) -> Outcome {
        var response = SaslAuthenticateResponse()
        guard let credentials = configuration.credentials, connection.mechanismChosen else {
            response.errorCode = KafkaErrorCode.illegalSaslState.rawValue
            response.errorMessage = "SaslAuthenticate before a SaslHandshake for PLAIN"
            return try refuse(response, to: request)
        }
        let parts = body.authBytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, Self.sameBytes(Array(parts[1]), Array(credentials.user.utf8)),
              Self.sameBytes(Array(parts[2]), Array(credentials.password.utf8)) else {
            response.errorCode = KafkaErrorCode.saslAuthenticationFailed.rawValue
            response.errorMessage = "authentication failed: wrong user name or password"
            return try refuse(response, to: request)
        }
        connection.authenticated = true
        return try respond(response, to: request)
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
}
