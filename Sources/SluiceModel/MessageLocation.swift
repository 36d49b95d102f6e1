/// Where a message sits, for an action on one message (copying it to a dead-letter queue): a work queue, where
/// it is named by its sequence, or a stream partition, where it is named by its offset.
public enum MessageLocation: Sendable, Hashable, CustomStringConvertible {
    case queue(String)
    case partition(PartitionRef)

    public var description: String {
        switch self {
        case .queue(let name): name
        case .partition(let partition): partition.description
        }
    }
}
