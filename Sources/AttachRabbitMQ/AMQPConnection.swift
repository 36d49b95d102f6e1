#if RabbitMQ
import CRabbitMQ
#if canImport(Glibc)
import Glibc
import AttachSupport
#endif

/// One message taken with basic.get: its delivery tag (to ack, reject or requeue it), where it was
/// published to, and its properties and body.
struct AMQPDelivery {
    var deliveryTag: UInt64
    var redelivered: Bool
    var exchange: String
    var routingKey: String
    /// Messages left in the queue after this one.
    var remaining: UInt32
    var body: [UInt8]
    var headers: [AMQPTableEntry]
    var messageID: String?
    /// Unix seconds, when the publisher set it.
    var timestamp: UInt64?
}

/// A connection to RabbitMQ through rabbitmq-c, with one channel in confirm mode, used from one thread.
/// Every call is bounded by the RPC timeout; a channel the server closes (a 404, a 406) is reopened.
final class AMQPConnection {
    // Internal so the tests can drive a consumer of their own on the same library.
    let state: amqp_connection_state_t
    private(set) var channel: amqp_channel_t = 1
    private var channelOpen = false
    private let timeoutMillis: Int

    init(address: RabbitMQAddress, password: String, tlsCAFile: String?, timeoutMillis: Int) throws(AttachError) {
        self.timeoutMillis = timeoutMillis
        // Everything that can fail before the connection is logged in happens before `state` is set: a class whose
        // init throws after its properties are set runs deinit, and deinit's channel.close on a connection already
        // destroyed was the crash over TLS (a use after free inside rabbitmq-c).
        state = try Self.loggedIn(address: address, password: password, tlsCAFile: tlsCAFile, timeoutMillis: timeoutMillis)
        try openChannel()
    }

    deinit {
        if channelOpen { _ = amqp_channel_close(state, channel, Int32(AMQP_REPLY_SUCCESS)) }
        _ = amqp_connection_close(state, Int32(AMQP_REPLY_SUCCESS))
        amqp_destroy_connection(state)
    }

    /// A new connection, open and logged in; on any failure it is destroyed before the error is thrown.
    private static func loggedIn(address: RabbitMQAddress, password: String, tlsCAFile: String?,
                                 timeoutMillis: Int) throws(AttachError) -> amqp_connection_state_t {
        guard let state = amqp_new_connection() else { throw AttachError("rabbitmq-c could not allocate a connection") }
        do throws(AttachError) {
            let socket = try tlsCAFile.map { file throws(AttachError) in try tlsSocket(state, address: address, caFile: file) }
                ?? amqp_tcp_socket_new(state)
            guard let socket else { throw AttachError("rabbitmq-c could not create a socket") }
            var timeout = Self.timeval(millis: timeoutMillis)
            let opened = amqp_socket_open_noblock(socket, address.host, Int32(address.port), &timeout)
            guard opened == AMQP_STATUS_OK.rawValue else { throw openFailure(opened, address: address, caFile: tlsCAFile) }
            var rpcTimeout = Self.timeval(millis: timeoutMillis)
            _ = amqp_set_rpc_timeout(state, &rpcTimeout)
            let login = sluice_amqp_login(state, address.vhost, address.user, password)
            guard login.reply_type == AMQP_RESPONSE_NORMAL else {
                throw AttachError("login to \(address.display) as \(address.user) failed: \(Self.text(login))")
            }
            return state
        } catch {
            // Destroying closes the socket if there is one; it never sends (channel.close on a socketless
            // connection is what asserts in amqp_socket_send).
            amqp_destroy_connection(state)
            throw error
        }
    }

    /// A TLS socket that trusts only `caFile` and checks the server's name: rabbitmq-c checks a DNS name, OpenSSL
    /// an IP address (rabbitmq-c 0.11 cannot).
    private static func tlsSocket(_ state: amqp_connection_state_t, address: RabbitMQAddress,
                                  caFile: String) throws(AttachError) -> OpaquePointer {
        guard let socket = amqp_ssl_socket_new(state) else { throw AttachError("rabbitmq-c has no TLS socket") }
        guard amqp_ssl_socket_set_cacert(socket, caFile) == AMQP_STATUS_OK.rawValue else {
            throw AttachError("--tls-ca \(caFile): not a readable PEM file of CA certificates", badInput: true)
        }
        amqp_ssl_socket_set_verify_peer(socket, 1)
        if address.isIPAddress {
            amqp_ssl_socket_set_verify_hostname(socket, 0)
            guard sluice_amqp_ssl_expect_ip(socket, address.host) == 1 else {
                throw AttachError("OpenSSL would not check the certificate against IP address \(address.host)")
            }
        } else {
            amqp_ssl_socket_set_verify_hostname(socket, 1)
        }
        return socket
    }

    private static func openFailure(_ status: Int32, address: RabbitMQAddress, caFile: String?) -> AttachError {
        let server = "\(address.host):\(address.port)"
        switch status {
        case AMQP_STATUS_SSL_PEER_VERIFY_FAILED.rawValue:
            return AttachError("TLS to \(server): the server's certificate is not signed by a CA in --tls-ca "
                                       + "\(caFile ?? "?")" + (address.isIPAddress ? ", or does not name \(address.host)" : ""),
                                       badInput: true)
        case AMQP_STATUS_SSL_HOSTNAME_VERIFY_FAILED.rawValue:
            return AttachError("TLS to \(server): the server's certificate does not name \(address.host)", badInput: true)
        case AMQP_STATUS_SSL_CONNECTION_FAILED.rawValue, AMQP_STATUS_SSL_ERROR.rawValue:
            return AttachError("TLS to \(server) failed in the handshake (\(String(cString: amqp_error_string2(status))))"
                                       + ": is it a TLS port (5671), not plain AMQP (5672)?")
        default:
            return AttachError("cannot reach \(address.display): \(String(cString: amqp_error_string2(status)))")
        }
    }

    // MARK: - Operations

    /// Publishes one message and waits for the broker's confirm; `mandatory` so an unroutable one is reported, not dropped.
    func publish(exchange: String, routingKey: String, body: [UInt8], properties: AMQPProperties) throws(AttachError) {
        let arena = AMQPArena()
        var props = properties.make(in: arena)
        let status = amqp_basic_publish(state, channel, arena.bytes(Array(exchange.utf8)), arena.bytes(Array(routingKey.utf8)),
                                        1, 0, &props, arena.bytes(body))
        guard status == AMQP_STATUS_OK.rawValue else {
            throw AttachError("publishing to \(Self.exchangeName(exchange)) failed: \(String(cString: amqp_error_string2(status)))")
        }
        var timeout = Self.timeval(millis: timeoutMillis)
        var words = [CChar](repeating: 0, count: 512)
        let answer = sluice_amqp_wait_confirm(state, &timeout, &words, words.count)
        let where_ = "\(Self.exchangeName(exchange)) with key \(routingKey)"
        switch answer {
        case 1: return
        case 0: throw AttachError("the broker refused the message for \(where_) (basic.nack)")
        case -1: throw AttachError("no queue is bound to \(where_): the message was returned unroutable")
        case -2: throw AttachError("no confirm for the message to \(where_) within \(timeoutMillis) ms")
        case -3:
            try? openChannel()
            throw AttachError("publishing to \(where_): \(String(cString: words))")
        default: throw AttachError("publishing to \(where_): \(String(cString: words))")
        }
    }

    /// basic.get without auto-ack: the message stays unacknowledged on this channel until acked or requeued; nil when empty.
    func get(queue: String) throws(AttachError) -> AMQPDelivery? {
        let arena = AMQPArena()
        let reply = amqp_basic_get(state, channel, arena.bytes(Array(queue.utf8)), 0)
        try check(reply, "basic.get from \(queue)")
        if reply.reply.id == SLUICE_BASIC_GET_EMPTY { return nil }
        guard reply.reply.id == SLUICE_BASIC_GET_OK, let decoded = reply.reply.decoded else {
            throw AttachError("basic.get from \(queue): unexpected reply 0x\(String(reply.reply.id, radix: 16))")
        }
        let ok = decoded.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee
        var message = amqp_message_t()
        let read = amqp_read_message(state, channel, &message, 0)
        try check(read, "reading a message of \(queue)")
        defer { amqp_destroy_message(&message) }
        let properties = message.properties
        let flags = properties._flags
        return AMQPDelivery(
            deliveryTag: ok.delivery_tag, redelivered: ok.redelivered != 0,
            exchange: AMQPArena.string(ok.exchange), routingKey: AMQPArena.string(ok.routing_key),
            remaining: ok.message_count, body: AMQPArena.array(message.body),
            headers: flags & amqp_flags_t(AMQP_BASIC_HEADERS_FLAG) != 0 ? AMQPTable.decode(properties.headers) : [],
            messageID: flags & amqp_flags_t(AMQP_BASIC_MESSAGE_ID_FLAG) != 0 ? AMQPArena.string(properties.message_id) : nil,
            timestamp: flags & amqp_flags_t(AMQP_BASIC_TIMESTAMP_FLAG) != 0 ? properties.timestamp : nil)
    }

    /// Acknowledges one delivery: the broker drops the message.
    func ack(_ deliveryTag: UInt64) throws(AttachError) {
        guard amqp_basic_ack(state, channel, deliveryTag, 0) == AMQP_STATUS_OK.rawValue else {
            throw AttachError("basic.ack failed")
        }
    }

    /// Puts back every unacknowledged delivery up to and including `deliveryTag`, in order, at the queue's head.
    func requeue(upTo deliveryTag: UInt64) throws(AttachError) {
        guard amqp_basic_nack(state, channel, deliveryTag, 1, 1) == AMQP_STATUS_OK.rawValue else {
            throw AttachError("basic.nack (requeue) failed")
        }
    }

    /// queue.purge: drops every ready message; answers how many.
    func purge(queue: String) throws(AttachError) -> UInt32 {
        let arena = AMQPArena()
        let ok = amqp_queue_purge(state, channel, arena.bytes(Array(queue.utf8)))
        try check(amqp_get_rpc_reply(state), "purging \(queue)")
        return ok?.pointee.message_count ?? 0
    }

    // MARK: - Channel and replies

    private func openChannel() throws(AttachError) {
        channel = channel == 1 ? 2 : 1
        channelOpen = false
        amqp_channel_open(state, channel)
        try check(amqp_get_rpc_reply(state), "opening a channel")
        channelOpen = true
        amqp_confirm_select(state, channel)
        try check(amqp_get_rpc_reply(state), "switching the channel to publisher confirms")
    }

    /// Throws the reply's words when it is not normal, reopening the channel when the server closed it.
    private func check(_ reply: amqp_rpc_reply_t, _ what: String) throws(AttachError) {
        guard reply.reply_type != AMQP_RESPONSE_NORMAL else { return }
        let words = Self.text(reply)
        if sluice_amqp_is_channel_closed(reply) != 0 {
            sluice_amqp_close_ok(state, channel)
            try? openChannel()
        }
        throw AttachError("\(what): \(words)")
    }

    private static func text(_ reply: amqp_rpc_reply_t) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        sluice_amqp_reply_text(reply, &buffer, buffer.count)
        return String(cString: buffer)
    }

    static func exchangeName(_ exchange: String) -> String { exchange.isEmpty ? "the default exchange" : "exchange \(exchange)" }

    private static func timeval(millis: Int) -> Glibc.timeval {
        Glibc.timeval(tv_sec: millis / 1000, tv_usec: (millis % 1000) * 1000)
    }
}
#endif
