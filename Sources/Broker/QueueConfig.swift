public import SluiceModel

/// What a full queue does with the next enqueue: `.rejectNew` throws `BrokerError.queueFull`, `.block`
/// answers `.blocked`. The seam's type, so snapshots carry it as it is.
public typealias OverflowPolicy = QueueOverflow

/// A work queue's rules.
public struct QueueConfig: Sendable, Equatable {
    /// How long a delivery may stay unacknowledged before it is redelivered (visibility timeout).
    public var ackDeadline: Nanos
    /// Deliveries after which a failing message goes to the dead-letter queue (dropped if there is none).
    public var maxDeliveries: Int?
    /// Created on demand if it does not exist yet.
    public var deadLetterQueue: String?
    public var retry: RetryPolicy
    /// Bound on waiting + delayed + in-flight messages.
    public var capacity: Int?
    public var overflow: OverflowPolicy
    /// Default prefetch for consumers that set none (JetStream's MaxAckPending per consumer).
    public var maxInFlightPerConsumer: Int?
    /// 0 turns deduplication off.
    public var dedupeWindow: Nanos

    public init(ackDeadline: Nanos = 30 * NanosPerUnit.second, maxDeliveries: Int? = nil, deadLetterQueue: String? = nil,
                retry: RetryPolicy = .immediate, capacity: Int? = nil, overflow: OverflowPolicy = .rejectNew,
                maxInFlightPerConsumer: Int? = nil, dedupeWindow: Nanos = 2 * 60 * NanosPerUnit.second) {
        self.ackDeadline = ackDeadline; self.maxDeliveries = maxDeliveries; self.deadLetterQueue = deadLetterQueue
        self.retry = retry; self.capacity = capacity; self.overflow = overflow
        self.maxInFlightPerConsumer = maxInFlightPerConsumer; self.dedupeWindow = dedupeWindow
    }

    func validate(queue: String) throws(BrokerError) {
        if ackDeadline <= 0 { throw .invalidConfiguration("queue '\(queue)': ack deadline must be positive") }
        if let maxDeliveries, maxDeliveries < 1 {
            throw .invalidConfiguration("queue '\(queue)': max deliveries must be at least 1, got \(maxDeliveries)")
        }
        if let capacity, capacity < 1 { throw .invalidConfiguration("queue '\(queue)': capacity must be at least 1, got \(capacity)") }
        if let prefetch = maxInFlightPerConsumer, prefetch < 1 {
            throw .invalidConfiguration("queue '\(queue)': max in-flight must be at least 1, got \(prefetch)")
        }
        if deadLetterQueue == queue { throw .invalidConfiguration("queue '\(queue)' cannot be its own dead-letter queue") }
        try retry.validate()
    }
}
