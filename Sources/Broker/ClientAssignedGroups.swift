import Synchronization

/// The client-assigned groups of a broker, by group id: created on a member's first join or commit.
public final class ClientAssignedGroups: Sendable {
    private let clock: any BrokerClock
    private let events: EventLog?
    private let groups = Mutex<[String: ClientAssignedGroup]>([:])

    public convenience init(clock: any BrokerClock) { self.init(clock: clock, events: nil) }

    init(clock: any BrokerClock, events: EventLog?) {
        self.clock = clock
        self.events = events
    }

    /// The group `id`, created if it does not exist yet.
    public func group(_ id: String) -> ClientAssignedGroup {
        groups.withLock { groups in
            if let group = groups[id] { return group }
            let group = ClientAssignedGroup(id: id, clock: clock, events: events)
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

    // MARK: Fetches

    /// Whether a fetch by this client must get no records from this partition: the member of some group
    /// that owns it (same client id, same host) is paused, or its whole group is.
    public func fetchPaused(by client: ClientAddress, topic: String, partition: Int32) -> Bool {
        let key = ClientGroupOffset.Key(topic: topic, partition: partition)
        return groups.withLock { Array($0.values) }.contains { $0.fetchPaused(by: client, key) }
    }

    /// Credits one partition of a fetch response sent to this client (and its records, maybe none) to the member that owns it.
    public func noteFetch(by client: ClientAddress, topic: String, partition: Int32, nextOffset: Int64, records: Int) {
        let key = ClientGroupOffset.Key(topic: topic, partition: partition)
        for group in groups.withLock({ Array($0.values) }) {
            group.noteFetch(by: client, key, nextOffset: nextOffset, records: records)
        }
    }
}

/// Who sent a request, as Kafka identifies a client: its client id and its host ("/127.0.0.1").
public struct ClientAddress: Sendable, Hashable {
    public var clientId: String
    public var host: String
    public init(clientId: String, host: String) { self.clientId = clientId; self.host = host }
}
