public import SluiceModel

/// A message as a producer hands it to a work queue.
public struct QueueMessage: Sendable, Equatable {
    public var value: [UInt8]
    public var key: [UInt8]?
    public var headers: [Header]
    /// Enqueues whose id was seen within the dedupe window are acknowledged but not stored again.
    public var messageId: String?
    /// Not deliverable until this much time has passed.
    public var delay: Nanos?

    public init(value: [UInt8], key: [UInt8]? = nil, headers: [Header] = [], messageId: String? = nil, delay: Nanos? = nil) {
        self.value = value; self.key = key; self.headers = headers; self.messageId = messageId; self.delay = delay
    }
}

/// What happened to one enqueued message.
public enum EnqueueOutcome: Sendable, Equatable {
    case enqueued(sequence: Int64)
    /// The queue was full (drop-oldest): the oldest waiting message made room.
    case enqueuedDroppingOldest(sequence: Int64, dropped: Int64)
    /// Its id was seen within the dedupe window; names the first copy's sequence.
    case duplicate(ofSequence: Int64)
    /// The queue was full (block): nothing was stored; wait for room and enqueue again.
    case blocked

    /// Whether the message was stored.
    var stored: Bool {
        switch self {
        case .enqueued, .enqueuedDroppingOldest: true
        case .duplicate, .blocked: false
        }
    }
}

/// What happened to a batch of enqueued messages.
public struct EnqueueSummary: Sendable, Equatable {
    public var enqueued = 0
    public var droppedOldest = 0
    public var duplicates = 0
    public var blocked = 0
    public var rejected = 0
    public init() {}
}

/// Proof of one delivery: ack, nack, extend or terminate with it. Stale once that delivery ends.
public struct DeliveryReceipt: Sendable, Hashable {
    let slot: UInt32
    /// The slot's delivery count when it was handed out.
    let delivery: Int32
    public let sequence: Int64
}

/// Where a dead letter came from and why it died.
public struct DeadLetterOrigin: Sendable, Equatable {
    public var reason: String
    public var deliveryCount: Int
    public var firstDelivery: Nanos?
    public var lastDelivery: Nanos?
    /// The queue that dead-lettered it.
    public var source: String
    /// Its sequence in the source queue.
    public var sourceSequence: Int64
    public var at: Nanos
}

/// A dead letter's origin behind one reference, so deliveries and slots stay small.
final class DeadLetterBox: Sendable {
    let origin: DeadLetterOrigin
    init(_ origin: DeadLetterOrigin) { self.origin = origin }
}

/// One message handed to a consumer, with the receipt to settle it.
public struct Delivery: Sendable {
    public let receipt: DeliveryReceipt
    public let value: [UInt8]
    public let key: [UInt8]?
    public let headers: [Header]
    public let messageId: String?
    /// 1 on the first delivery.
    public let deliveryCount: Int
    public let enqueuedAt: Nanos
    /// Ack before this, or the message is redelivered.
    public let deadline: Nanos
    let deadLetterBox: DeadLetterBox?

    /// Set when the message sits in a dead-letter queue.
    public var deadLetter: DeadLetterOrigin? { deadLetterBox?.origin }
    public var sequence: Int64 { receipt.sequence }
}

/// Where a message stands in its queue.
public enum QueueMessageState: String, Sendable, Equatable {
    case waiting
    case delayed
    case inFlight = "in-flight"
}

/// One message as the inspector lists it.
public struct QueueMessageInfo: Sendable, Equatable {
    public var sequence: Int64
    public var messageId: String?
    public var key: [UInt8]?
    public var headers: [Header]
    public var value: [UInt8]
    public var enqueuedAt: Nanos
    public var state: QueueMessageState
    public var deliveryCount: Int
    public var firstDelivery: Nanos?
    public var lastDelivery: Nanos?
    /// Delayed: when it becomes deliverable. In flight: its ack deadline.
    public var dueAt: Nanos?
    public var consumer: String?
    public var deadLetter: DeadLetterOrigin?
}
