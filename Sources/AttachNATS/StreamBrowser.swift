#if NATS
import CNats
import SluiceModel
import AttachSupport

/// Reads a stretch of a stream with an ordered consumer: JetStream's replay, which moves no durable consumer.
enum StreamBrowser {
    /// Where reading starts.
    enum Start: Equatable {
        case sequence(UInt64)
        /// UTC nanoseconds since the Unix epoch.
        case time(epochNanos: Int64)
    }

    /// Most messages one browse returns.
    static let limit = 100
    /// How long to wait for the first message, and for each one after it. Only a browse that the last
    /// poll says has messages to read waits at all, so the first wait can be generous: a busy server
    /// (or a busy machine) may take a while to set up the ordered consumer.
    static let firstWaitMillis: Int64 = 5000
    static let nextWaitMillis: Int64 = 500
    /// Fresh ordered consumers a browse tries before it takes an empty answer as the truth.
    static let reads = 3

    /// Messages from `start` up to the stream's last sequence (as of `lastSequence`) or `limit`.
    static func browse(_ jetStream: OpaquePointer, stream: String, from start: Start, lastSequence: UInt64,
                       lastTimeEpoch: Int64, toRunTime: (Int64) -> Nanos) throws(AttachError) -> [InspectedMessage] {
        switch start {
        case .sequence(let first) where first > lastSequence: return []
        case .time(let epochNanos) where epochNanos > lastTimeEpoch: return []
        default: break
        }
        // The last poll saw messages there, so an empty read means the ordered consumer did not start
        // in time on a busy machine; a fresh consumer usually gets them. (Empty reads from a start
        // time were nats.c's time encoding: see `encodableStartTime`.)
        for _ in 1..<Self.reads {
            let messages = try read(jetStream, stream: stream, from: start, lastSequence: lastSequence, toRunTime: toRunTime)
            if !messages.isEmpty { return messages }
        }
        return try read(jetStream, stream: stream, from: start, lastSequence: lastSequence, toRunTime: toRunTime)
    }

    private static func read(_ jetStream: OpaquePointer, stream: String, from start: Start, lastSequence: UInt64,
                             toRunTime: (Int64) -> Nanos) throws(AttachError) -> [InspectedMessage] {
        var subscribeOptions = jsSubOptions()
        jsSubOptions_Init(&subscribeOptions)
        subscribeOptions.Ordered = true
        switch start {
        case .sequence(let first):
            subscribeOptions.Config.DeliverPolicy = js_DeliverByStartSequence
            subscribeOptions.Config.OptStartSeq = max(1, first)
        case .time(let epochNanos):
            subscribeOptions.Config.DeliverPolicy = js_DeliverByStartTime
            subscribeOptions.Config.OptStartTime = encodableStartTime(atOrBefore: epochNanos)
        }
        var maybeSubscription: OpaquePointer?
        var errorCode = jsErrCode(0)
        let status = stream.withCString { name in
            subscribeOptions.Stream = name
            // The C client needs a subject; ">" filters nothing out of whatever the stream stores.
            return js_SubscribeSync(&maybeSubscription, jetStream, ">", nil, &subscribeOptions, &errorCode)
        }
        try natsCheck(status, "browse \(stream)")
        guard let subscription = maybeSubscription else { throw AttachError("could not browse \(stream)") }
        defer {
            // Unsubscribing deletes the ephemeral consumer on the server; destroying frees the client's copy.
            natsSubscription_Unsubscribe(subscription)
            natsSubscription_Destroy(subscription)
        }
        var messages: [InspectedMessage] = []
        while messages.count < limit {
            var maybeMessage: OpaquePointer?
            let wait = messages.isEmpty ? firstWaitMillis : nextWaitMillis
            guard natsSubscription_NextMsg(&maybeMessage, subscription, wait) == NATS_OK,
                  let message = maybeMessage else { break }
            defer { natsMsg_Destroy(message) }
            let inspected = inspect(message, toRunTime: toRunTime)
            // A start time rounded down to its second delivers that second's earlier messages too.
            if case .time(let epochNanos) = start, inspected.timestamp < toRunTime(epochNanos) { continue }
            messages.append(inspected)
            if let offset = inspected.offset, offset >= Int64(clamping: lastSequence) { break }
        }
        return messages
    }

    /// A start time no later than `epochNanos` that nats.c sends as it is. Its encoder writes the
    /// fraction of a second without leading zeros (".%lld"), so 12.05 s goes out as "12.5": any
    /// fraction under 0.1 s would start the read late and miss messages. Whole seconds and
    /// nine-digit fractions survive.
    static func encodableStartTime(atOrBefore epochNanos: Int64) -> Int64 {
        let second: Int64 = 1_000_000_000
        let fraction = epochNanos % second
        return fraction >= second / 10 ? epochNanos : epochNanos - fraction
    }

    /// One delivered (or fetched) message as the inspector shows it; the subject stands in for the key.
    static func inspect(_ message: OpaquePointer, toRunTime: (Int64) -> Nanos) -> InspectedMessage {
        let headers = NATSMessage.headers(message)
        var sequence = natsMsg_GetSequence(message)
        var epochNanos = natsMsg_GetTime(message)
        var metadata: UnsafeMutablePointer<jsMsgMetaData>?
        // Delivered messages carry their sequence and time in the reply subject, fetched ones in headers.
        if sequence == 0, natsMsg_GetMetaData(&metadata, message) == NATS_OK, let metadata {
            sequence = metadata.pointee.Sequence.Stream
            epochNanos = metadata.pointee.Timestamp
            jsMsgMetaData_Destroy(metadata)
        }
        let messageID = headers.first { $0.name == JetStreamPublisher.messageIDHeader }
        return InspectedMessage(
            offset: Int64(clamping: sequence), messageId: messageID.map { String(decoding: $0.value, as: UTF8.self) },
            key: Array(NATSMessage.subject(message).utf8), headers: headers, value: NATSMessage.payload(message),
            timestamp: toRunTime(epochNanos))
    }
}
#endif
