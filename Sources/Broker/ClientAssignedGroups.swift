import Synchronization

/// The client-assigned groups of a broker, by group id: created on a member's first join or commit.
public final class ClientAssignedGroups: Sendable {
    private let clock: any BrokerClock
    private let groups = Mutex<[String: ClientAssignedGroup]>([:])

    public init(clock: any BrokerClock) { self.clock = clock }

    /// The group `id`, created if it does not exist yet.
    public func group(_ id: String) -> ClientAssignedGroup {
        groups.withLock { groups in
            if let group = groups[id] { return group }
            let group = ClientAssignedGroup(id: id, clock: clock)
            groups[id] = group
            return group
        }
    }

    /// The group `id` if it exists.
    public func existing(_ id: String) -> ClientAssignedGroup? { groups.withLock { $0[id] } }

    /// Every group, by id.
    public var all: [ClientAssignedGroup] { groups.withLock { $0.values.sorted { $0.id < $1.id } } }

    /// What deleting a group did.
    public enum Deletion: Sendable, Equatable { case deleted, notFound, hasMembers }

    /// Deletes a group, with its committed offsets, unless it has members.
    public func delete(_ id: String) -> Deletion {
        groups.withLock { groups in
            guard let group = groups[id] else { return .notFound }
            guard group.describe().members.isEmpty else { return .hasMembers }
            groups[id] = nil
            return .deleted
        }
    }
}
