#if NATS
import CNats
import SluiceModel
import AttachSupport

/// Publishes into JetStream and reports where the message landed (or that it was a duplicate).
enum JetStreamPublisher {
    /// The stream's acknowledgement of one publish.
    struct Receipt: Equatable {
        var stream: String
        var sequence: UInt64
        /// The server had already stored a message with this id inside the stream's dedupe window.
        var duplicate: Bool
    }

    /// Header JetStream dedupes on; set through jsPubOptions.MsgId, read back when browsing.
    static let messageIDHeader = "Nats-Msg-Id"

    /// Publishes `message` (which the caller still owns) and waits for the stream's acknowledgement.
    static func publish(_ jetStream: OpaquePointer, message: OpaquePointer, messageID: String?) throws(AttachError) -> Receipt {
        var options = jsPubOptions()
        jsPubOptions_Init(&options)
        var acknowledgement: UnsafeMutablePointer<jsPubAck>?
        var errorCode = jsErrCode(0)
        let status: natsStatus
        if let messageID {
            status = messageID.withCString { id in
                options.MsgId = id
                return js_PublishMsg(&acknowledgement, jetStream, message, &options, &errorCode)
            }
        } else {
            status = js_PublishMsg(&acknowledgement, jetStream, message, &options, &errorCode)
        }
        let subject = NATSMessage.subject(message)
        if status == NATS_NO_RESPONDERS {
            throw AttachError("no stream stores subject \(subject)")
        }
        try natsCheck(status, "publish to \(subject)")
        guard let acknowledgement else { throw AttachError("publish to \(subject) got no acknowledgement") }
        defer { jsPubAck_Destroy(acknowledgement) }
        return Receipt(stream: optionalString(acknowledgement.pointee.Stream) ?? "",
                       sequence: acknowledgement.pointee.Sequence, duplicate: acknowledgement.pointee.Duplicate)
    }

    /// Builds and publishes one message from the dashboard's fields. A key, which JetStream lacks, rides in a header.
    static func publish(_ jetStream: OpaquePointer, subject: String, key: String?, value: [UInt8], headers: [Header],
                        messageID: String?) throws(AttachError) -> Receipt {
        var allHeaders = headers
        if let key { allHeaders.append(Header("Sluice-Key", Array(key.utf8))) }
        let message = try NATSMessage.make(subject: subject, payload: value, headers: allHeaders)
        defer { natsMsg_Destroy(message) }
        return try publish(jetStream, message: message, messageID: messageID)
    }

    /// Copies the message stored at `sequence` in `stream` to `destination`, noting where it came from.
    static func copy(_ jetStream: OpaquePointer, stream: String, sequence: UInt64,
                     destination: String) throws(AttachError) -> Receipt {
        let original = try fetch(jetStream, stream: stream, sequence: sequence)
        defer { natsMsg_Destroy(original) }
        // The original's own id would make the copy a duplicate of itself in a stream that shares the window.
        var headers = NATSMessage.headers(original).filter { $0.name != messageIDHeader }
        headers += [
            Header("Sluice-Dead-Letter-Stream", Array(stream.utf8)),
            Header("Sluice-Dead-Letter-Sequence", Array(String(sequence).utf8)),
            Header("Sluice-Dead-Letter-Subject", Array(NATSMessage.subject(original).utf8)),
        ]
        let copy = try NATSMessage.make(subject: destination, payload: NATSMessage.payload(original), headers: headers)
        defer { natsMsg_Destroy(copy) }
        return try publish(jetStream, message: copy, messageID: "\(stream)#\(sequence)")
    }

    /// The stored message at one sequence; the caller destroys it.
    static func fetch(_ jetStream: OpaquePointer, stream: String, sequence: UInt64) throws(AttachError) -> OpaquePointer {
        var message: OpaquePointer?
        var errorCode = jsErrCode(0)
        let status = js_GetMsg(&message, jetStream, stream, sequence, nil, &errorCode)
        if status == NATS_NOT_FOUND {
            throw AttachError("\(stream) holds no message #\(sequence) (deleted, or past retention)")
        }
        try natsCheck(status, "fetch \(stream) #\(sequence)")
        guard let message else { throw AttachError("fetch \(stream) #\(sequence) returned nothing") }
        return message
    }
}
#endif
