#if NATS
import CNats
import AttachSupport

/// Synchronous subscriptions to the dead-letter advisories, drained on the backend's own thread.
final class AdvisoryListener {
    /// Most advisories handled per drain, so a storm cannot stall one frame.
    static let drainLimit = 1000
    private let subscriptions: [OpaquePointer]

    init(_ connection: NATSConnection) throws(AttachError) {
        var subscribed: [OpaquePointer] = []
        for subject in JetStreamAdvisory.subjects {
            var subscription: OpaquePointer?
            let status = natsConnection_SubscribeSync(&subscription, connection.connection, subject)
            guard status == NATS_OK, let subscription else {
                subscribed.forEach { natsSubscription_Destroy($0) }
                throw AttachError("could not subscribe to \(subject): \(natsErrorText(status))")
            }
            subscribed.append(subscription)
        }
        subscriptions = subscribed
    }

    deinit {
        for subscription in subscriptions {
            natsSubscription_Unsubscribe(subscription)
            natsSubscription_Destroy(subscription)
        }
    }

    /// Advisories received since the last drain, without waiting for more.
    func drain() -> [JetStreamAdvisory] {
        var advisories: [JetStreamAdvisory] = []
        for subscription in subscriptions {
            while advisories.count < Self.drainLimit {
                var message: OpaquePointer?
                guard natsSubscription_NextMsg(&message, subscription, 0) == NATS_OK, let message else { break }
                defer { natsMsg_Destroy(message) }
                let subject = String(cString: natsMsg_GetSubject(message))
                if let advisory = JetStreamAdvisory.parse(subject: subject, payload: NATSMessage.payload(message)) {
                    advisories.append(advisory)
                }
            }
        }
        return advisories
    }
}
#endif
