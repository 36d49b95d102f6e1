/// What consumers read, and what a pause or a resume of them acts on: a stream's consumer group, or a work
/// queue (its consumers share it without a group).
public enum GroupOrQueue: Sendable, Hashable, CustomStringConvertible {
    case group(GroupID)
    case queue(String)

    public var group: GroupID? {
        if case .group(let id) = self { return id }
        return nil
    }

    public var queue: String? {
        if case .queue(let name) = self { return name }
        return nil
    }

    /// The group's or the queue's name, for people.
    public var description: String {
        switch self {
        case .group(let id): id.description
        case .queue(let name): name
        }
    }
}
