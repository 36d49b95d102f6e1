import FoundationEssentials
public import SluiceModel

/// A JetStream advisory that a message will not be delivered again: JetStream's stand-in for dead-lettering.
public struct JetStreamAdvisory: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// The message was delivered MaxDeliver times without an ack.
        case maxDeliveries = "max deliveries reached"
        /// A client answered the delivery with +TERM.
        case terminated = "terminated by the consumer"
    }

    /// Subjects Sluice subscribes to; the server fills in `<stream>.<consumer>`.
    public static let subjects = [
        "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.>",
        "$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.>",
    ]

    public var kind: Kind
    public var stream: String
    public var consumer: String
    public var streamSequence: UInt64
    public var deliveries: UInt64
    /// Why the client terminated the message, when the server says (2.11+).
    public var reason: String?

    public init(kind: Kind, stream: String, consumer: String, streamSequence: UInt64, deliveries: UInt64,
                reason: String? = nil) {
        self.kind = kind; self.stream = stream; self.consumer = consumer
        self.streamSequence = streamSequence; self.deliveries = deliveries; self.reason = reason
    }

    /// Reads one advisory; nil when the subject is not one of ours or the JSON lacks what we need.
    public static func parse(subject: String, payload: [UInt8]) -> JetStreamAdvisory? {
        let kind: Kind
        if subject.hasPrefix("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.") {
            kind = .maxDeliveries
        } else if subject.hasPrefix("$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.") {
            kind = .terminated
        } else {
            return nil
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(payload)) else { return nil }
        return JetStreamAdvisory(kind: kind, stream: body.stream, consumer: body.consumer,
                                 streamSequence: body.stream_seq, deliveries: body.deliveries ?? 0,
                                 reason: body.reason.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The fields both advisories share, spelled as the server sends them.
    private struct Body: Decodable {
        var stream: String
        var consumer: String
        var stream_seq: UInt64
        var deliveries: UInt64?
        var reason: String?
    }

    /// The consumer the dead letter belongs to.
    public var groupID: GroupID { GroupID(consumer, stream: stream) }

    /// How the dead-letter panel words it.
    public var explanation: String {
        let base = kind == .maxDeliveries ? "\(kind.rawValue) (\(deliveries))" : kind.rawValue
        return reason.map { "\(base): \($0)" } ?? base
    }
}
