import Broker
@testable import KafkaListener
import KafkaProtocol
import SluiceModel
import Testing

@Suite struct SaslTests {
    static let secured = KafkaListenerConfiguration(credentials: KafkaCredentials(user: "alice", password: "s3cret"))

    static func frame(_ body: some KafkaApiMessage, version: Int16) throws -> [UInt8] {
        var header = RequestHeader()
        header.requestApiKey = type(of: body).apiKey.rawValue
        header.requestApiVersion = version
        header.clientId = "sasl-test"
        return try KafkaFrame.encodeRequest(header: header, body: body)
    }

    static func token(_ user: String, _ password: String) -> SaslAuthenticateRequest {
        var request = SaslAuthenticateRequest()
        request.authBytes = [0] + Array(user.utf8) + [0] + Array(password.utf8)
        return request
    }

    static func handshake(_ mechanism: String = "PLAIN") -> SaslHandshakeRequest {
        var request = SaslHandshakeRequest()
        request.mechanism = mechanism
        return request
    }

    @Test func nothingButApiVersionsAndSaslIsAnsweredBeforeAuthenticating() throws {
        let harness = ServiceHarness(configuration: Self.secured)
        let connection = ConnectionState()
        let versions: ApiVersionsResponse = try harness.decode(
            harness.service.handle(frame: try Self.frame(ApiVersionsRequest(), version: 3), connection: connection),
            api: .apiVersions, version: 3)
        #expect(versions.apiKeys.contains { $0.apiKey == 17 && $0.maxVersion == 1 } && versions.apiKeys.contains { $0.apiKey == 36 })
        guard case .close(let reason) = harness.service.handle(frame: try Self.frame(MetadataRequest(), version: 12), connection: connection)
        else { Issue.record("Metadata answered before authentication"); return }
        #expect(reason.contains("before authenticating"))
    }

    @Test func theRightPasswordOpensTheConnectionAndAWrongOneClosesIt() throws {
        let harness = ServiceHarness(configuration: Self.secured)
        let good = ConnectionState()
        let chosen: SaslHandshakeResponse = try harness.decode(
            harness.service.handle(frame: try Self.frame(Self.handshake(), version: 1), connection: good), api: .saslHandshake, version: 1)
        #expect(chosen.errorCode == 0 && chosen.mechanisms == ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
        let accepted = harness.service.handle(frame: try Self.frame(Self.token("alice", "s3cret"), version: 2), connection: good)
        guard case .respond = accepted else { Issue.record("the right password was refused: \(accepted)"); return }
        guard case .respond = harness.service.handle(frame: try Self.frame(MetadataRequest(), version: 12), connection: good) else {
            Issue.record("an authenticated connection was refused")
            return
        }

        let bad = ConnectionState()
        _ = harness.service.handle(frame: try Self.frame(Self.handshake(), version: 1), connection: bad)
        let refused = harness.service.handle(frame: try Self.frame(Self.token("alice", "s3cre7"), version: 2), connection: bad)
        guard case .respondAndClose = refused else { Issue.record("a wrong password was not refused: \(refused)"); return }
        let answer: SaslAuthenticateResponse = try harness.decode(refused, api: .saslAuthenticate, version: 2)
        #expect(answer.errorCode == 58)
        #expect(!bad.authenticated)
    }

    @Test func anotherMechanismOrATokenWithoutAHandshakeIsRefused() throws {
        let harness = ServiceHarness(configuration: Self.secured)
        let connection = ConnectionState()
        let kerberos: SaslHandshakeResponse = try harness.decode(
            harness.service.handle(frame: try Self.frame(Self.handshake("GSSAPI"), version: 1), connection: connection),
            api: .saslHandshake, version: 1)
        #expect(kerberos.errorCode == 33 && kerberos.mechanisms == ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"])
        let early: SaslAuthenticateResponse = try harness.decode(
            harness.service.handle(frame: try Self.frame(Self.token("alice", "s3cret"), version: 2), connection: connection),
            api: .saslAuthenticate, version: 2)
        #expect(early.errorCode == 34)
    }

    @Test func withoutCredentialsSaslIsNotAdvertised() throws {
        var harness = ServiceHarness()
        let versions = try harness.send(ApiVersionsRequest(), version: 3, expecting: ApiVersionsResponse.self)
        #expect(!versions.apiKeys.contains { $0.apiKey == 17 || $0.apiKey == 36 })
    }
}
