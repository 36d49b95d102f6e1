/// What a full work queue does with the next enqueue; the producer learns which happened.
public enum QueueOverflow: String, Sendable, Equatable, CaseIterable {
    /// Refuse the message (the broker answers "queue full").
    case rejectNew = "reject"
    /// Drop the oldest waiting message (to the dead-letter queue, if any) to make room.
    case dropOldest = "drop_oldest"
    /// Store nothing and answer "blocked": the producer must wait for room and try again.
    case block
}

/// What a full partition (at a retention limit) does with the next append.
public enum RetentionDiscard: String, Sendable, Equatable, CaseIterable {
    /// Drop the oldest records and advance the log start offset (Kafka, JetStream's default).
    case old
    /// Refuse the append (JetStream's DiscardNew).
    case new
}
