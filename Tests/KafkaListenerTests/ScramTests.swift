import Broker
@testable import KafkaListener
import KafkaProtocol
import SluiceModel
import Testing

/// The listener's SCRAM against RFC 7677's worked example (SCRAM-SHA-256, user "user", password "pencil"), through
/// the service as a client's frames reach it; real clients (librdkafka, kafka-python) are in PythonClientTests and
/// ListenerAttachTests.
@Suite struct ScramTests {
    static let clientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
    static let serverNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    static let salt = "W22ZaJ0SNY7soEsUEjb6gQ=="
    static let clientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    static let serverFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

    static func credential(_ password: String = "pencil") throws -> ScramCredential {
        ScramCredential(password: password, salt: try #require(Base64.decode(salt)), .sha256, crypto: try LibCrypto.shared.get())
    }

    @Test func theExchangeOfRFC7677GivesItsServerMessages() throws {
        let (exchange, reply) = try ScramServerExchange.start(Array(Self.clientFirst.utf8), user: "user",
                                                               credential: try Self.credential(), serverNonce: Self.serverNonce)
        #expect(String(decoding: reply, as: UTF8.self) == "r=rOprNGfwEbeRWgbNEkqO\(Self.serverNonce),s=\(Self.salt),i=4096")
        let final = try exchange.finish(Array(Self.clientFinal.utf8), crypto: try LibCrypto.shared.get())
        #expect(String(decoding: final, as: UTF8.self) == Self.serverFinal)
    }

    @Test func aWrongPasswordATamperedNonceOrAnotherUserIsRefused() throws {
        let crypto = try LibCrypto.shared.get()
        let (wrongKeys, _) = try ScramServerExchange.start(Array(Self.clientFirst.utf8), user: "user",
                                                            credential: try Self.credential("pencil2"), serverNonce: Self.serverNonce)
        #expect(throws: ScramServerExchange.Failure(reason: "authentication failed: wrong user name or password")) {
            try wrongKeys.finish(Array(Self.clientFinal.utf8), crypto: crypto)
        }
        let (exchange, _) = try ScramServerExchange.start(Array(Self.clientFirst.utf8), user: "user",
                                                           credential: try Self.credential(), serverNonce: "another")
        #expect(throws: ScramServerExchange.Failure(reason: "SCRAM nonce differs from the server's")) {
            try exchange.finish(Array(Self.clientFinal.utf8), crypto: crypto)
        }
        #expect(throws: ScramServerExchange.Failure(reason: "authentication failed: wrong user name or password")) {
            try ScramServerExchange.start(Array(Self.clientFirst.utf8), user: "alice", credential: try Self.credential())
        }
        #expect(throws: ScramServerExchange.Failure(reason: "SCRAM channel binding is not supported")) {
            try ScramServerExchange.start(Array("p=tls-unique,,n=user,r=abc".utf8), user: "user", credential: try Self.credential())
        }
        #expect(ScramServerExchange.saslName("a=2Cb=3Dc") == "a,b=c")
        #expect(ScramServerExchange.saslName("a=2") == nil)
    }

    @Test func throughTheServiceAFailedProofClosesTheConnection() throws {
        let harness = ServiceHarness(configuration: KafkaListenerConfiguration(credentials: KafkaCredentials(user: "user", password: "pencil")))
        for mechanism in ["SCRAM-SHA-256", "SCRAM-SHA-512"] {
            let connection = ConnectionState()
            let chosen: SaslHandshakeResponse = try harness.decode(
                harness.service.handle(frame: try SaslTests.frame(SaslTests.handshake(mechanism), version: 1), connection: connection),
                api: .saslHandshake, version: 1)
            #expect(chosen.errorCode == 0)
            var first = SaslAuthenticateRequest()
            first.authBytes = Array(Self.clientFirst.utf8)
            let challenge: SaslAuthenticateResponse = try harness.decode(
                harness.service.handle(frame: try SaslTests.frame(first, version: 2), connection: connection),
                api: .saslAuthenticate, version: 2)
            let text = String(decoding: challenge.authBytes, as: UTF8.self)
            #expect(challenge.errorCode == 0 && text.hasPrefix("r=rOprNGfwEbeRWgbNEkqO") && text.hasSuffix(",i=4096"), "\(text)")
            // The RFC's proof is for its own salt and nonce, not this listener's random ones.
            var final = SaslAuthenticateRequest()
            final.authBytes = Array(Self.clientFinal.utf8)
            let refused = harness.service.handle(frame: try SaslTests.frame(final, version: 2), connection: connection)
            guard case .respondAndClose = refused else { Issue.record("a wrong proof was not refused: \(refused)"); return }
            let answer: SaslAuthenticateResponse = try harness.decode(refused, api: .saslAuthenticate, version: 2)
            #expect(answer.errorCode == 58, "\(answer.errorMessage ?? "")")
            #expect(!connection.authenticated)
        }
    }

    @Test func base64RoundTripsEveryLength() {
        var random = SeededGenerator(seed: 7)
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("pencil".utf8)) == "cGVuY2ls")
        #expect(Base64.decode("cGVuY2w=") == Array("pencl".utf8))
        #expect(Base64.decode("cGV*") == nil && Base64.decode("abc") == nil)
    }
}
