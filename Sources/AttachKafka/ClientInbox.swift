#if Kafka
import CRdKafka

/// What librdkafka's callbacks report about one client: the latest error (a broker down, a failed
/// authentication) and the delivery reports of produced records. Callbacks run inside `rd_kafka_poll`
/// and `rd_kafka_flush`, on the caller's thread, so nothing here needs a lock.
final class ClientInbox {
    /// A record's fate once the cluster answered: where it landed, or why not.
    struct Delivery: Equatable {
        var partition: Int
        var offset: Int64
        var error: String?
    }

    private(set) var lastError: (code: rd_kafka_resp_err_t, reason: String)?
    /// True from an authentication failure until the next successful request.
    private(set) var authenticationFailed = false
    /// True when a TLS handshake failed on the cluster's certificate: `--tls-ca` does not fit the cluster.
    private(set) var certificateRejected = false
    private var deliveries: [Int: Delivery] = [:]
    private var nextTicket = 1

    func recordError(_ code: rd_kafka_resp_err_t, _ reason: String) {
        lastError = (code, reason)
        if code == RD_KAFKA_RESP_ERR__AUTHENTICATION || code == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED {
            authenticationFailed = true
        }
        if reason.contains("certificate verify failed") { certificateRejected = true }
    }

    /// The connection works again: forget what went wrong before.
    func clearErrors() { lastError = nil; authenticationFailed = false; certificateRejected = false }

    /// A number to pass as a record's opaque, to find its delivery report by.
    func ticket() -> Int {
        defer { nextTicket += 1 }
        return nextTicket
    }

    func recordDelivery(ticket: Int, _ delivery: Delivery) { deliveries[ticket] = delivery }

    /// The delivery report for `ticket`, once, if it arrived.
    func takeDelivery(_ ticket: Int) -> Delivery? { deliveries.removeValue(forKey: ticket) }

    /// The C callbacks: the inbox is the client's opaque.
    static let errorCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
        _, code, reason, opaque in
        guard let opaque else { return }
        let inbox = Unmanaged<ClientInbox>.fromOpaque(opaque).takeUnretainedValue()
        inbox.recordError(rd_kafka_resp_err_t(code), reason.map { String(cString: $0) } ?? "unknown error")
    }

    static let deliveryCallback: @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
        _, message, opaque in
        guard let opaque, let message else { return }
        let inbox = Unmanaged<ClientInbox>.fromOpaque(opaque).takeUnretainedValue()
        let record = message.pointee
        let ticket = Int(bitPattern: record._private)
        let error = record.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : String(cString: rd_kafka_err2str(record.err))
        inbox.recordDelivery(ticket: ticket, Delivery(partition: Int(record.partition), offset: record.offset, error: error))
    }
}
#endif
