#if RabbitMQ
import Testing
@testable import AttachRabbitMQ
import SluiceModel
import AttachSupport

/// `amqps://` with `--tls-ca`, against the test node's own TLS listeners (AMQP and the management API), with the
/// throwaway CA that signed its certificate and with one that signed nothing.
@Suite(.serialized, .enabled(if: RabbitMQTestServer.tlsAvailable, Comment(rawValue: RabbitMQTestServer.tlsMissing)))
struct RabbitMQTLSTests {
    let client: RabbitMQTestClient
    let amqpsPort: String
    let managementHTTPS: String
    let certificates: String

    init() throws {
        client = try RabbitMQTestClient()
        amqpsPort = String(try #require(RabbitMQTestServer.tlsURL?.split(separator: ":").last))
        managementHTTPS = try #require(RabbitMQTestServer.managementHTTPSURL)
        certificates = try #require(RabbitMQTestServer.certificates)
    }

    func options(host: String = "127.0.0.1", port: String? = nil, management: String? = nil,
                 ca: String = "ca.pem") -> RabbitMQConnectionOptions {
        RabbitMQConnectionOptions(url: "amqps://\(host):\(port ?? amqpsPort)", managementURL: management ?? managementHTTPS,
                                  tlsCAFile: certificates + "/" + ca)
    }

    /// By IP address (which OpenSSL checks against the certificate) and by name (which rabbitmq-c checks), a message
    /// published over the TLS connection reaches the queue, and the broker lists that connection as TLS.
    @Test(arguments: ["127.0.0.1", "localhost"])
    func publishesOverTLSWithTheCAThatSignedTheServer(host: String) throws {
        let queue = "tls.\(host)"
        try client.delete("/api/queues/%2F/" + queue)
        try client.put("/api/queues/%2F/" + queue, #"{"durable":true}"#)
        try client.await(queue, "the queue to be listed") { $0["name"].string == queue }
        let backend = try RabbitMQBackend(options: options(host: host))
        #expect(backend.snapshot().connectionProblem == nil)
        #expect(backend.snapshot().source.name == "amqps://guest@\(host):\(amqpsPort)")
        #expect(backend.snapshot().queues.contains { $0.name == queue }, "figures read from the management API over https")

        let body = Array("over tls to \(host)".utf8)
        let outcome = backend.send(.publish(target: queue, key: nil, value: body, headers: [], messageId: "tls-\(host)"))
        guard case .done = outcome else { Issue.record("publish over TLS: \(outcome)"); return }
        let delivery = try #require(try client.amqp.get(queue: queue), "the message reached the queue")
        #expect(delivery.body == body)
        #expect(delivery.messageID == "tls-\(host)")
        try client.amqp.ack(delivery.deliveryTag)

        // The broker lists connections once their first statistics are out (a second on the test node).
        try client.awaitJSON("/api/connections", "the broker to list a TLS connection on port \(amqpsPort)") { connections in
            connections.array.contains { $0["ssl"].bool == true && $0["port"].int == Int(amqpsPort) }
        }
    }

    /// A CA that did not sign the server's certificate is refused in plain words as bad input (exit 2), on AMQP and
    /// on the management API, and so is plain AMQP's port spoken to as TLS; none of it crashes, however often (the
    /// failed-open path once freed the connection and then used it).
    @Test func aCAThatDidNotSignTheServerIsRefusedInPlainWords() throws {
        let plainManagement = try #require(RabbitMQTestServer.managementURL)
        for _ in 1...5 {
            do {
                _ = try RabbitMQBackend(options: options(management: plainManagement, ca: "other-ca.pem"))
                Issue.record("AMQP over TLS with another CA was accepted")
            } catch {
                #expect(error.isBadInput)
                #expect(error.message == "TLS to 127.0.0.1:\(amqpsPort): the server's certificate is not signed by a CA in "
                        + "--tls-ca \(certificates)/other-ca.pem, or does not name 127.0.0.1")
            }
        }
        #expect(throws: AttachError.self) { _ = try RabbitMQBackend(options: options(host: "localhost", management: plainManagement, ca: "other-ca.pem")) }

        do {
            _ = try RabbitMQBackend(options: options(ca: "other-ca.pem"))
            Issue.record("the management API over https with another CA was accepted")
        } catch {
            #expect(error.isBadInput)
            #expect(error.message.hasPrefix("TLS to the management API at \(managementHTTPS): its certificate is not signed by a CA in --tls-ca"),
                    "\(error.message)")
        }

        let plainPort = String(try #require(RabbitMQTestServer.url?.split(separator: ":").last))
        do {
            _ = try RabbitMQBackend(options: options(port: plainPort, management: plainManagement))
            Issue.record("TLS to plain AMQP's port was accepted")
        } catch {
            #expect(error.message.contains("is it a TLS port (5671), not plain AMQP (5672)?"), "\(error.message)")
        }
    }
}
#endif
