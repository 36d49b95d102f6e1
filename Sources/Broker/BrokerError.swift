/// Everything the broker refuses, each saying what was wrong.
public enum BrokerError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownTopic(String)
    case topicExists(String)
    case unknownGroup(String)
    case groupExists(String)
    case unknownQueue(String)
    case queueExists(String)
    case unknownMember(group: String, member: String)
    case invalidConfiguration(String)
    case invalidArgument(String)
    case partitionOutOfRange(topic: String, partition: Int, partitionCount: Int)
    case offsetBeyondLogEnd(topic: String, partition: Int, offset: Int64, logEnd: Int64)
    /// Discard policy `new`: the partition is at a retention limit and refuses the append.
    case retentionLimitReached(topic: String, partition: Int, limit: String)
    case recordTooLarge(field: String, bytes: Int, limit: Int)
    /// A commit from a member that does not own the partition (any more).
    case notPartitionOwner(group: String, member: String, partition: Int)
    /// A commit of records polled before the latest rebalance.
    case staleGeneration(group: String, polledIn: Int, current: Int)
    /// Overflow policy reject-new: the queue is at capacity.
    case queueFull(queue: String, capacity: Int)
    /// Overflow policy drop-oldest: the queue is at capacity and everything it holds is in flight or delayed.
    case queueFullNothingToDrop(queue: String, capacity: Int)
    /// An ack/nack/extend for a delivery that is no longer in flight (acked, expired or redelivered).
    case deliveryNotInFlight(queue: String, sequence: Int64)
    case notADeadLetterQueue(String)

    public var description: String {
        switch self {
        case .unknownTopic(let name): "unknown topic '\(name)'"
        case .topicExists(let name): "topic '\(name)' already exists"
        case .unknownGroup(let name): "unknown consumer group '\(name)'"
        case .groupExists(let name): "consumer group '\(name)' already exists"
        case .unknownQueue(let name): "unknown queue '\(name)'"
        case .queueExists(let name): "queue '\(name)' already exists"
        case .unknownMember(let group, let member): "group '\(group)' has no member '\(member)'"
        case .invalidConfiguration(let reason): "invalid configuration: \(reason)"
        case .invalidArgument(let reason): "invalid argument: \(reason)"
        case .partitionOutOfRange(let topic, let partition, let count):
            "partition \(partition) is out of range for topic '\(topic)' (it has \(count) partitions: 0..<\(count))"
        case .offsetBeyondLogEnd(let topic, let partition, let offset, let logEnd):
            "offset \(offset) is beyond the log end \(logEnd) of \(topic)[\(partition)]"
        case .retentionLimitReached(let topic, let partition, let limit):
            "\(topic)[\(partition)] is full (\(limit)) and its discard policy is 'new': append rejected"
        case .recordTooLarge(let field, let bytes, let limit):
            "record \(field) is \(bytes) bytes; the limit is \(limit)"
        case .notPartitionOwner(let group, let member, let partition):
            "member '\(member)' of group '\(group)' does not own partition \(partition)"
        case .staleGeneration(let group, let polledIn, let current):
            "group '\(group)' rebalanced since the poll (generation \(polledIn), now \(current)): commit refused"
        case .queueFull(let queue, let capacity):
            "queue '\(queue)' is full (capacity \(capacity)) and rejects new messages"
        case .queueFullNothingToDrop(let queue, let capacity):
            "queue '\(queue)' is full (capacity \(capacity)) and every message it holds is in flight or delayed, so none could be dropped to make room"
        case .deliveryNotInFlight(let queue, let sequence):
            "message \(sequence) of queue '\(queue)' is not in flight under that delivery (acked, expired or redelivered)"
        case .notADeadLetterQueue(let name): "queue '\(name)' holds no dead letters to redrive"
        }
    }
}
