#if NATS
import CNats
import Foundation

/// The "application" side of the tests: creates streams and consumers, publishes, fetches and acks
/// through the C client directly, and asks the server for its own figures (js_GetConsumerInfo).
final class JetStreamTestClient {
    let connection: OpaquePointer
    let jetStream: OpaquePointer

    init(url: String) throws {
        var connection: OpaquePointer?
        try Self.check(natsConnection_ConnectTo(&connection, url), "connect")
        var jetStream: OpaquePointer?
        try Self.check(natsConnection_JetStream(&jetStream, connection, nil), "open JetStream")
        self.connection = connection!
        self.jetStream = jetStream!
    }

    deinit {
        jsCtx_Destroy(jetStream)
        natsConnection_Destroy(connection)
    }

    func addStream(_ name: String, subjects: [String]) throws {
        var config = jsStreamConfig()
        jsStreamConfig_Init(&config)
        let cSubjects = subjects.map { strdup($0) }
        defer { cSubjects.forEach { free($0) } }
        var subjectPointers = cSubjects.map { UnsafePointer($0) }
        var info: UnsafeMutablePointer<jsStreamInfo>?
        let status = name.withCString { cName in
            subjectPointers.withUnsafeMutableBufferPointer { buffer in
                config.Name = cName
                config.Subjects = buffer.baseAddress
                config.SubjectsLen = Int32(buffer.count)
                return js_AddStream(&info, jetStream, &config, nil, nil)
            }
        }
        try Self.check(status, "add stream \(name)")
        jsStreamInfo_Destroy(info)
    }

    /// A stream that mirrors `origin`: it has no subjects, JetStream copies the origin into it.
    func addMirror(_ name: String, of origin: String) throws {
        var config = jsStreamConfig()
        jsStreamConfig_Init(&config)
        var source = jsStreamSource()
        jsStreamSource_Init(&source)
        var info: UnsafeMutablePointer<jsStreamInfo>?
        let status = name.withCString { cName in
            origin.withCString { cOrigin in
                source.Name = cOrigin
                config.Name = cName
                return withUnsafeMutablePointer(to: &source) { pointer in
                    config.Mirror = pointer
                    return js_AddStream(&info, jetStream, &config, nil, nil)
                }
            }
        }
        try Self.check(status, "add mirror \(name) of \(origin)")
        jsStreamInfo_Destroy(info)
    }

    /// A durable pull consumer with explicit acks.
    func addPullConsumer(stream: String, durable: String, ackWaitMillis: Int64, maxDeliver: Int64,
                         maxAckPending: Int64) throws {
        var config = jsConsumerConfig()
        jsConsumerConfig_Init(&config)
        config.AckPolicy = js_AckExplicit
        config.AckWait = ackWaitMillis * 1_000_000
        config.MaxDeliver = maxDeliver
        config.MaxAckPending = maxAckPending
        var info: UnsafeMutablePointer<jsConsumerInfo>?
        let status = durable.withCString { name in
            config.Durable = name
            return js_AddConsumer(&info, jetStream, stream, &config, nil, nil)
        }
        try Self.check(status, "add consumer \(durable)")
        jsConsumerInfo_Destroy(info)
    }

    @discardableResult
    func publish(_ subject: String, _ payload: String) throws -> UInt64 {
        var ack: UnsafeMutablePointer<jsPubAck>?
        try Self.check(js_Publish(&ack, jetStream, subject, payload, Int32(payload.utf8.count), nil, nil), "publish")
        defer { jsPubAck_Destroy(ack) }
        return ack!.pointee.Sequence
    }

    /// What the server itself reports for a consumer.
    struct ConsumerFigures: Equatable {
        var numPending: UInt64
        var numAckPending: Int64
        var numRedelivered: Int64
        var maxAckPending: Int64
        var deliveredConsumer: UInt64
    }

    func consumerFigures(stream: String, consumer: String) throws -> ConsumerFigures {
        var info: UnsafeMutablePointer<jsConsumerInfo>?
        try Self.check(js_GetConsumerInfo(&info, jetStream, stream, consumer, nil, nil), "consumer info")
        defer { jsConsumerInfo_Destroy(info) }
        let value = info!.pointee
        return ConsumerFigures(numPending: value.NumPending, numAckPending: value.NumAckPending,
                               numRedelivered: value.NumRedelivered, maxAckPending: value.Config.pointee.MaxAckPending,
                               deliveredConsumer: value.Delivered.Consumer)
    }

    /// Whether the server says the consumer is paused (`paused` in CONSUMER.INFO, nats-server 2.11+; the C client 3.4 does not read it).
    func consumerPaused(stream: String, consumer: String) throws -> Bool {
        var reply: OpaquePointer?
        try Self.check(natsConnection_Request(&reply, connection, "$JS.API.CONSUMER.INFO.\(stream).\(consumer)", nil, 0, 2000),
                       "consumer info request")
        defer { natsMsg_Destroy(reply) }
        let bytes = Data(bytes: natsMsg_GetData(reply), count: Int(natsMsg_GetDataLength(reply)))
        let info = try JSONSerialization.jsonObject(with: bytes) as? [String: Any]
        return info?["paused"] as? Bool ?? false
    }

    /// Messages, first and last sequence as the server reports them.
    func streamState(_ stream: String) throws -> (messages: UInt64, first: UInt64, last: UInt64, bytes: UInt64) {
        var info: UnsafeMutablePointer<jsStreamInfo>?
        try Self.check(js_GetStreamInfo(&info, jetStream, stream, nil, nil), "stream info")
        defer { jsStreamInfo_Destroy(info) }
        let state = info!.pointee.State
        return (state.Msgs, state.FirstSeq, state.LastSeq, state.Bytes)
    }

    /// Payload and headers of the stored message at `sequence`.
    func storedMessage(stream: String, sequence: UInt64) throws -> (payload: String, headers: [String: String]) {
        var message: OpaquePointer?
        try Self.check(js_GetMsg(&message, jetStream, stream, sequence, nil, nil), "get message")
        defer { natsMsg_Destroy(message) }
        let length = Int(natsMsg_GetDataLength(message))
        let payload = String(decoding: UnsafeRawBufferPointer(start: natsMsg_GetData(message), count: length),
                             as: UTF8.self)
        var headers: [String: String] = [:]
        var keys: UnsafeMutablePointer<UnsafePointer<CChar>?>?
        var count: Int32 = 0
        if natsMsgHeader_Keys(message, &keys, &count) == NATS_OK, let keys {
            for index in 0..<Int(count) {
                var value: UnsafePointer<CChar>?
                if natsMsgHeader_Get(message, keys[index], &value) == NATS_OK, let value {
                    headers[String(cString: keys[index]!)] = String(cString: value)
                }
            }
            free(keys)
        }
        return (payload, headers)
    }

    func pullSubscription(stream: String, durable: String, subject: String) throws -> PullSubscription {
        var options = jsSubOptions()
        jsSubOptions_Init(&options)
        var subscription: OpaquePointer?
        let status = stream.withCString { cStream in
            durable.withCString { cDurable in
                options.Stream = cStream
                options.Consumer = cDurable
                return js_PullSubscribe(&subscription, jetStream, subject, durable, nil, &options, nil)
            }
        }
        try Self.check(status, "pull subscribe \(durable)")
        return PullSubscription(subscription!)
    }

    static func check(_ status: natsStatus, _ doing: String) throws {
        guard status == NATS_OK else {
            throw TestServerError("\(doing): \(String(cString: natsStatus_GetText(status)))")
        }
    }
}

/// A pull subscription bound to a durable consumer; fetched messages are owned until acked or dropped.
final class PullSubscription {
    let subscription: OpaquePointer
    init(_ subscription: OpaquePointer) { self.subscription = subscription }
    deinit { natsSubscription_Destroy(subscription) }

    /// Up to `batch` messages, waiting at most `timeoutMillis`; empty on timeout.
    func fetch(_ batch: Int, timeoutMillis: Int64) throws -> [FetchedMessage] {
        var list = natsMsgList()
        let status = natsSubscription_Fetch(&list, subscription, Int32(batch), timeoutMillis, nil)
        if status == NATS_TIMEOUT { return [] }
        try JetStreamTestClient.check(status, "fetch")
        defer { natsMsgList_Destroy(&list) }
        return (0..<Int(list.Count)).compactMap { index in
            guard let message = list.Msgs[index] else { return nil }
            list.Msgs[index] = nil  // ownership moves to FetchedMessage
            return FetchedMessage(message)
        }
    }
}

final class FetchedMessage {
    let message: OpaquePointer
    init(_ message: OpaquePointer) { self.message = message }
    deinit { natsMsg_Destroy(message) }

    /// How many times the server has delivered this message, this delivery included.
    var deliveries: UInt64 {
        var metadata: UnsafeMutablePointer<jsMsgMetaData>?
        guard natsMsg_GetMetaData(&metadata, message) == NATS_OK, let metadata else { return 0 }
        defer { jsMsgMetaData_Destroy(metadata) }
        return metadata.pointee.NumDelivered
    }

    func ack() throws { try JetStreamTestClient.check(natsMsg_AckSync(message, nil, nil), "ack") }
    func term() throws { try JetStreamTestClient.check(natsMsg_Term(message, nil), "term") }
}
#endif
