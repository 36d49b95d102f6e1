#if RabbitMQ
import Foundation
import CRabbitMQ
@testable import AttachRabbitMQ
import SluiceModel
import AttachSupport

/// The rabbitmq-server scripts/test starts (scripts/lib/rabbitmq-server.sh), named by SLUICE_TEST_RABBITMQ_URL
/// (`amqp://127.0.0.1:PORT`) and SLUICE_TEST_RABBITMQ_MANAGEMENT (`http://127.0.0.1:PORT`). Each test names its
/// queues and exchanges after itself and deletes them first, so tests never see each other's.
enum RabbitMQTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["SLUICE_TEST_RABBITMQ_URL"]
    static let managementURL: String? = ProcessInfo.processInfo.environment["SLUICE_TEST_RABBITMQ_MANAGEMENT"]
    static var available: Bool { url != nil && managementURL != nil }
    static let missing = "SLUICE_TEST_RABBITMQ_URL and SLUICE_TEST_RABBITMQ_MANAGEMENT are not set: scripts/test starts "
        + "a rabbitmq-server and sets them (scripts/lib/rabbitmq-server.sh)"

    /// The same node's TLS listeners (scripts/lib/rabbitmq-server.sh with a certificate folder): `amqps://127.0.0.1:PORT`,
    /// `https://127.0.0.1:PORT`, and the folder of scripts/lib/tls-certificates.sh (ca.pem signed the server's
    /// certificate, other-ca.pem signed nothing).
    static let tlsURL: String? = ProcessInfo.processInfo.environment["SLUICE_TEST_RABBITMQ_TLS_URL"]
    static let managementHTTPSURL: String? = ProcessInfo.processInfo.environment["SLUICE_TEST_RABBITMQ_MANAGEMENT_HTTPS"]
    static let certificates: String? = ProcessInfo.processInfo.environment["SLUICE_TEST_RABBITMQ_CERTIFICATES"]
    static var tlsAvailable: Bool { available && tlsURL != nil && managementHTTPSURL != nil && certificates != nil }
    static let tlsMissing = "SLUICE_TEST_RABBITMQ_TLS_URL, SLUICE_TEST_RABBITMQ_MANAGEMENT_HTTPS and SLUICE_TEST_RABBITMQ_CERTIFICATES "
        + "are not set: scripts/test starts its rabbitmq-server with TLS listeners and sets them"

    static func options(readOnly: Bool = false) throws -> RabbitMQConnectionOptions {
        guard let url, let managementURL else { throw AttachError(missing) }
        return RabbitMQConnectionOptions(url: url, managementURL: managementURL, readOnly: readOnly)
    }
}

/// The tests' own hands on the broker: the management API to declare and read things as an operator
/// would, and AMQP connections of their own for publishers and consumers, independent of the backend.
final class RabbitMQTestClient {
    let management: ManagementClient
    let amqp: AMQPConnection

    init() throws {
        let options = try RabbitMQTestServer.options()
        management = ManagementClient(base: try options.management(), user: "guest", password: "guest", tlsCAFile: nil,
                                      timeoutMillis: 2000)
        amqp = try Self.connection()
    }

    static func connection() throws -> AMQPConnection {
        try AMQPConnection(address: try RabbitMQTestServer.options().address(), password: "guest", tlsCAFile: nil,
                           timeoutMillis: 2000)
    }

    func put(_ path: String, _ json: String) throws {
        _ = try management.send("PUT", path, body: Array(json.utf8), expecting: [201, 204])
    }

    func post(_ path: String, _ json: String) throws {
        _ = try management.send("POST", path, body: Array(json.utf8), expecting: [200, 201, 204])
    }

    func delete(_ path: String) throws { _ = try management.send("DELETE", path, body: nil, expecting: [204, 404]) }

    func json(_ path: String) throws -> ManagementJSON { try ManagementJSON.parse(try management.get(path), what: path) }

    func queue(_ name: String) throws -> ManagementJSON { try json("/api/queues/%2F/" + RabbitMQBackend.percentEncoded(name)) }

    /// A quorum queue with a delivery limit whose dead letters go through exchange `dlx` (key `NAME.dead`) to
    /// classic queue `NAME.dlq`; everything of that name deleted first.
    func declareWorkQueue(_ name: String, deliveryLimit: Int) throws {
        for queue in [name, name + ".dlq"] { try delete("/api/queues/%2F/" + RabbitMQBackend.percentEncoded(queue)) }
        try put("/api/exchanges/%2F/\(name).dlx", #"{"type":"direct","durable":true}"#)
        try put("/api/queues/%2F/\(name)", #"{"durable":true,"arguments":{"x-queue-type":"quorum","x-delivery-limit":\#(deliveryLimit),"x-dead-letter-exchange":"\#(name).dlx","x-dead-letter-routing-key":"\#(name).dead"}}"#)
        try put("/api/queues/%2F/\(name).dlq", #"{"durable":true}"#)
        try post("/api/bindings/%2F/e/\(name).dlx/q/\(name).dlq", #"{"routing_key":"\#(name).dead"}"#)
    }

    func publish(_ queue: String, count: Int, prefix: String = "m") throws {
        for index in 1...count {
            try amqp.publish(exchange: "", routingKey: queue, body: Array("\(prefix)\(index)".utf8),
                             properties: AMQPProperties(messageID: "\(prefix)\(index)"))
        }
    }

    /// Waits, bounded, until the management API's figures for `queue` satisfy `condition` (they lag by the
    /// statistics interval, one second on the test server); returns the queue as the API last gave it.
    @discardableResult
    func await(_ queue: String, seconds: Double = 30, _ what: String,
               until condition: (ManagementJSON) -> Bool) throws -> ManagementJSON {
        try awaitJSON("/api/queues/%2F/" + RabbitMQBackend.percentEncoded(queue), seconds: seconds, "\(queue): \(what)",
                      until: condition)
    }

    /// Waits, bounded, until what the management API answers at `path` satisfies `condition`; an error answer (a
    /// queue another client has not declared yet) counts as not yet.
    @discardableResult
    func awaitJSON(_ path: String, seconds: Double = 30, _ what: String,
                   until condition: (ManagementJSON) -> Bool) throws -> ManagementJSON {
        let deadline = SystemTime.monotonicNanos() + Int64(seconds * 1e9)
        while true {
            if let answer = try? json(path), condition(answer) { return answer }
            guard SystemTime.monotonicNanos() < deadline else {
                throw AttachError("\(what) did not happen within \(seconds) s")
            }
            usleep(100_000)
        }
    }
}

extension AMQPConnection {
    /// A consumer that takes deliveries up to `prefetch` and never acknowledges them: they stay in flight.
    func holdDeliveries(of queue: String, prefetch: UInt16) throws {
        amqp_basic_qos(state, channel, 0, prefetch, 0)
        let arena = AMQPArena()
        amqp_basic_consume(state, channel, arena.bytes(Array(queue.utf8)), arena.bytes(Array("holder".utf8)), 0, 0, 0,
                           amqp_table_t(num_entries: 0, entries: nil))
        guard amqp_get_rpc_reply(state).reply_type == AMQP_RESPONSE_NORMAL else {
            throw AttachError("basic.consume on \(queue) failed")
        }
    }

    /// basic.reject: with `requeue` the message goes back (a quorum queue counts the delivery), without it
    /// the queue dead-letters it as `rejected`.
    func reject(_ deliveryTag: UInt64, requeue: Bool) throws {
        guard amqp_basic_reject(state, channel, deliveryTag, requeue ? 1 : 0) == AMQP_STATUS_OK.rawValue else {
            throw AttachError("basic.reject failed")
        }
    }
}
#endif
