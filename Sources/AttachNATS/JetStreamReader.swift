#if NATS
import CNats
import SluiceModel
import AttachSupport

/// Reads every stream and consumer through the JetStream API, copying the C structs into Swift values.
enum JetStreamReader {
    /// One request for the streams, then one per stream for its consumers.
    static func poll(_ jetStream: OpaquePointer, at now: Nanos) throws(AttachError) -> JetStreamPoll {
        let streams = try readStreams(jetStream)
        var consumers: [ConsumerFacts] = []
        for stream in streams { consumers += try readConsumers(jetStream, stream: stream.name) }
        return JetStreamPoll(at: now, streams: streams, consumers: consumers)
    }

    static func readStreams(_ jetStream: OpaquePointer) throws(AttachError) -> [StreamFacts] {
        var list: UnsafeMutablePointer<jsStreamInfoList>?
        var errorCode = jsErrCode(0)
        let status = js_Streams(&list, jetStream, nil, &errorCode)
        if status == NATS_NOT_FOUND { return [] }
        try natsCheck(status, "list the streams")
        guard let list else { return [] }
        defer { jsStreamInfoList_Destroy(list) }
        return (0..<Int(list.pointee.Count)).compactMap { index in
            list.pointee.List[index].flatMap { streamFacts($0.pointee) }
        }
    }

    static func readConsumers(_ jetStream: OpaquePointer, stream: String) throws(AttachError) -> [ConsumerFacts] {
        var list: UnsafeMutablePointer<jsConsumerInfoList>?
        var errorCode = jsErrCode(0)
        let status = js_Consumers(&list, jetStream, stream, nil, &errorCode)
        // A stream deleted between the two requests simply has no consumers this time.
        if status == NATS_NOT_FOUND { return [] }
        try natsCheck(status, "list the consumers of \(stream)")
        guard let list else { return [] }
        defer { jsConsumerInfoList_Destroy(list) }
        return (0..<Int(list.pointee.Count)).compactMap { index in
            list.pointee.List[index].map { consumerFacts($0.pointee) }
        }
    }

    static func streamFacts(_ info: jsStreamInfo) -> StreamFacts? {
        guard let config = info.Config?.pointee, let name = optionalString(config.Name) else { return nil }
        let subjects = (0..<Int(config.SubjectsLen)).compactMap { config.Subjects?[$0].flatMap(optionalString) }
        let state = info.State
        return StreamFacts(
            name: name, subjects: subjects, messages: state.Msgs, bytes: state.Bytes,
            firstSequence: state.FirstSeq, lastSequence: state.LastSeq, firstTimeEpoch: state.FirstTime,
            lastTimeEpoch: state.LastTime, consumerCount: state.Consumers, maxMessages: config.MaxMsgs,
            maxBytes: config.MaxBytes, maxAge: config.MaxAge,
            discard: config.Discard == js_DiscardNew ? .new : .old,
            retention: retentionName(config.Retention),
            storage: config.Storage == js_MemoryStorage ? "memory" : "file",
            replicas: max(1, config.Replicas), duplicateWindow: config.Duplicates,
            mirrorOf: config.Mirror.flatMap { optionalString($0.pointee.Name) }, sealed: config.Sealed)
    }

    static func consumerFacts(_ info: jsConsumerInfo) -> ConsumerFacts {
        let config = info.Config?.pointee
        return ConsumerFacts(
            stream: optionalString(info.Stream) ?? "", name: optionalString(info.Name) ?? "",
            durable: optionalString(config?.Durable) != nil,
            pull: optionalString(config?.DeliverSubject) == nil,
            filterSubject: optionalString(config?.FilterSubject),
            ackPolicy: config.map { ackPolicyName($0.AckPolicy) } ?? "explicit",
            ackWait: config?.AckWait ?? 0, maxDeliver: config?.MaxDeliver ?? -1,
            maxAckPending: config?.MaxAckPending ?? -1,
            deliveredConsumerSequence: info.Delivered.Consumer, deliveredStreamSequence: info.Delivered.Stream,
            ackFloorConsumerSequence: info.AckFloor.Consumer, ackFloorStreamSequence: info.AckFloor.Stream,
            numAckPending: info.NumAckPending, numRedelivered: info.NumRedelivered,
            numWaiting: info.NumWaiting, numPending: info.NumPending, pushBound: info.PushBound)
    }

    private static func retentionName(_ policy: jsRetentionPolicy) -> String {
        switch policy {
        case js_InterestPolicy: "interest"
        case js_WorkQueuePolicy: "workqueue"
        default: "limits"
        }
    }

    private static func ackPolicyName(_ policy: jsAckPolicy) -> String {
        switch policy {
        case js_AckNone: "none"
        case js_AckAll: "all"
        default: "explicit"
        }
    }
}
#endif
