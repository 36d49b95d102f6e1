#if NATS
import CNats
import FoundationEssentials
import AttachSupport

/// Pauses and resumes a consumer through `$JS.API.CONSUMER.PAUSE` (nats-server 2.11+; the C client 3.4 has no call).
enum ConsumerPause {
    /// Pausing "until" this far ahead is a pause until someone resumes.
    static let indefinitely: Int64 = 100 * 365 * 86_400 * 1_000_000_000

    /// Pauses until `untilEpochNanos`, or resumes when it is nil; returns whether the server says it is paused.
    static func set(_ connection: OpaquePointer, stream: String, consumer: String, untilEpochNanos: Int64?,
                    timeoutMillis: Int64) throws(AttachError) -> Bool {
        let body = untilEpochNanos.map { "{\"pause_until\":\"\(UTCTimestamp.format(epochNanos: $0))\"}" } ?? "{}"
        let subject = "$JS.API.CONSUMER.PAUSE.\(stream).\(consumer)"
        var reply: OpaquePointer?
        let bytes = Array(body.utf8)
        let status = bytes.withUnsafeBytes { raw in
            natsConnection_Request(&reply, connection, subject, raw.baseAddress, Int32(raw.count), timeoutMillis)
        }
        try natsCheck(status, "\(untilEpochNanos == nil ? "resume" : "pause") \(stream)/\(consumer)")
        guard let reply else { throw AttachError("the server did not answer the pause request") }
        defer { natsMsg_Destroy(reply) }
        struct Response: Decodable {
            struct APIError: Decodable { var description: String? }
            var paused: Bool?
            var error: APIError?
        }
        guard let response = try? JSONDecoder().decode(Response.self, from: Data(NATSMessage.payload(reply))) else {
            throw AttachError("the server's answer to the pause request was not JSON")
        }
        if let error = response.error {
            throw AttachError("the server refused: \(error.description ?? "unknown error")")
        }
        return response.paused ?? false
    }
}
#endif
