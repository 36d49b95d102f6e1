public import SluiceModel
import Synchronization

/// A consumer group whose members assign partitions themselves, as Kafka clients do.
///
/// The broker only coordinates: members join with the assignment protocols they support, the broker
/// picks one they all share and a leader, hands the leader every member's metadata, and passes the
/// assignment the leader computes back to each member. Generations fence members of an earlier round.
/// Nothing blocks: a join or sync that must wait for the others says so, and the caller asks again.
public final class ClientAssignedGroup: Sendable {
    public let id: String
    let clock: any BrokerClock
    private let state: Mutex<ClientGroupState>
    /// The broker's event log, where the group's rebalances, expiries and dashboard actions go.
    private let events: EventLog?

    init(id: String, clock: any BrokerClock, events: EventLog? = nil) {
        self.id = id
        self.clock = clock
        self.events = events
        state = Mutex(ClientGroupState())
    }

    /// Runs `body` under the group's lock, then moves the lines it noted into the event log.
    func withState<Result, Failure: Error>(
        _ body: (inout ClientGroupState) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let now = clock.now()
        let (result, notes) = try state.withLock { (state) throws(Failure) -> (Result, [(kind: EventLogEntry.Kind, text: String)]) in
            let result = try body(&state)
            defer { state.notes.removeAll() }
            return (result, state.notes)
        }
        if let events {
            for note in notes { events.append(EventLogEntry(at: now, kind: note.kind, text: "group \(id): " + note.text)) }
        }
        return result
    }

    /// A member's request to join (or rejoin) the group.
    public struct JoinRequest: Sendable {
        /// Empty for a member that has not been given an id yet.
        public var memberId: String
        public var clientId: String
        public var clientHost: String
        public var protocolType: String
        /// Assignment protocols in the member's order of preference, with its metadata for each.
        public var protocols: [(name: String, metadata: [UInt8])]
        public var sessionTimeout: Nanos
        public var rebalanceTimeout: Nanos
        /// Whether an unknown member must first fetch an id and join again with it (Kafka's JoinGroup v4 and later).
        public var requiresKnownMemberId: Bool

        public init(memberId: String, clientId: String, clientHost: String, protocolType: String,
                    protocols: [(name: String, metadata: [UInt8])], sessionTimeout: Nanos, rebalanceTimeout: Nanos,
                    requiresKnownMemberId: Bool) {
            self.memberId = memberId; self.clientId = clientId; self.clientHost = clientHost
            self.protocolType = protocolType; self.protocols = protocols
            self.sessionTimeout = sessionTimeout; self.rebalanceTimeout = rebalanceTimeout
            self.requiresKnownMemberId = requiresKnownMemberId
        }
    }

    /// What a completed join tells a member.
    public struct JoinResult: Sendable, Equatable {
        public var generation: Int32
        public var protocolType: String
        public var protocolName: String
        public var leader: String
        public var memberId: String
        /// Every member and its metadata for the chosen protocol; only the leader gets them.
        public var members: [(memberId: String, metadata: [UInt8])]

        public static func == (left: JoinResult, right: JoinResult) -> Bool {
            left.generation == right.generation && left.protocolType == right.protocolType
                && left.protocolName == right.protocolName && left.leader == right.leader
                && left.memberId == right.memberId && left.members.map(\.memberId) == right.members.map(\.memberId)
                && left.members.map(\.metadata) == right.members.map(\.metadata)
        }
    }

    /// Starts or joins a rebalance; the member then asks `joinResult` until the round completes.
    ///
    /// Returns the member's id (assigned here for a new member).
    public func join(_ request: JoinRequest) throws(ClientGroupError) -> String {
        let now = clock.now()
        return try withState { (state) throws(ClientGroupError) -> String in
            state.expireSessions(now: now)
            return try state.join(request, now: now)
        }
    }

    /// The outcome of the member's pending join, or nil while the others are still joining.
    public func joinResult(memberId: String) throws(ClientGroupError) -> JoinResult? {
        let now = clock.now()
        return try withState { (state) throws(ClientGroupError) -> JoinResult? in
            state.completeRebalanceIfReady(now: now)
            return try state.joinResult(memberId: memberId)
        }
    }

    /// Hands in the leader's assignments (empty for followers); the member then asks `assignment` until the
    /// leader's have arrived.
    ///
    /// `partitions` are the topic partitions each assignment names, where the caller can read them (Kafka's
    /// consumer protocol): what the dashboard shows and what a paused member's fetches are matched to.
    public func sync(memberId: String, generation: Int32, assignments: [String: [UInt8]],
                     partitions: [String: [ClientGroupOffset.Key]] = [:]) throws(ClientGroupError) {
        let now = clock.now()
        try withState { (state) throws(ClientGroupError) in
            state.expireSessions(now: now)
            try state.sync(memberId: memberId, generation: generation, assignments: assignments, partitions: partitions, now: now)
        }
    }

    /// The member's assignment once the leader has synced, or nil while it has not.
    public func assignment(memberId: String, generation: Int32) throws(ClientGroupError) -> [UInt8]? {
        try withState { (state) throws(ClientGroupError) -> [UInt8]? in
            try state.checkMember(memberId, generation: generation)
            guard state.phase == .stable else {
                if state.phase == .preparingRebalance { throw .rebalanceInProgress }
                return nil
            }
            return state.members[memberId]?.assignment ?? []
        }
    }

    /// Keeps the member's session alive; tells it to rejoin when a rebalance has started.
    public func heartbeat(memberId: String, generation: Int32) throws(ClientGroupError) {
        let now = clock.now()
        try withState { (state) throws(ClientGroupError) in
            state.expireSessions(now: now)
            try state.checkMember(memberId, generation: generation)
            state.members[memberId]?.lastSeen = now
            if state.phase == .preparingRebalance { throw .rebalanceInProgress }
        }
    }

    /// Removes a member that is leaving; the others rebalance.
    public func leave(memberId: String) throws(ClientGroupError) {
        let now = clock.now()
        try withState { (state) throws(ClientGroupError) in
            guard state.members[memberId] != nil else { throw .unknownMember(memberId) }
            state.remove(memberId, now: now)
        }
    }

    /// Stores committed offsets. A member commits within its generation; a client outside any group
    /// (generation -1, no member id) may commit only while the group has no members.
    public func commit(memberId: String, generation: Int32, offsets: [ClientGroupOffset]) throws(ClientGroupError) {
        let now = clock.now()
        try withState { (state) throws(ClientGroupError) in
            state.expireSessions(now: now)
            if generation < 0 && memberId.isEmpty {
                guard state.members.isEmpty else { throw .illegalGeneration }
            } else {
                try state.checkMember(memberId, generation: generation)
                if state.phase == .preparingRebalance { throw .rebalanceInProgress }
                state.members[memberId]?.lastSeen = now
            }
            for offset in offsets { state.offsets[offset.key] = offset }
        }
    }

    /// Committed offsets, all of them or those of `partitions`.
    public func committedOffsets(_ partitions: [ClientGroupOffset.Key]? = nil) -> [ClientGroupOffset] {
        withState { state in
            guard let partitions else { return state.offsets.values.sorted { ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition) } }
            return partitions.compactMap { state.offsets[$0] }
        }
    }

    /// Deletes committed offsets; refused (false) while the group has members, which may be reading them.
    public func deleteOffsets(_ partitions: [ClientGroupOffset.Key]) -> Bool {
        let now = clock.now()
        return withState { state in
            state.expireSessions(now: now)
            guard state.members.isEmpty else { return false }
            for key in partitions { state.offsets[key] = nil }
            return true
        }
    }

    /// The group as the dashboard and DescribeGroups see it.
    public func describe() -> ClientGroupDescription {
        let now = clock.now()
        return withState { state in
            state.expireSessions(now: now)
            return state.describe(id: id)
        }
    }
}

/// A committed offset of a client-assigned group.
public struct ClientGroupOffset: Sendable, Equatable {
    public struct Key: Sendable, Hashable {
        public var topic: String
        public var partition: Int32
        public init(topic: String, partition: Int32) { self.topic = topic; self.partition = partition }
    }

    public var key: Key
    public var offset: Int64
    public var leaderEpoch: Int32
    public var metadata: String?

    public init(topic: String, partition: Int32, offset: Int64, leaderEpoch: Int32 = -1, metadata: String? = nil) {
        key = Key(topic: topic, partition: partition)
        self.offset = offset; self.leaderEpoch = leaderEpoch; self.metadata = metadata
    }
}

/// Why a client-assigned group refused a request; each has a Kafka error code of the same name.
public enum ClientGroupError: Error, Equatable, Sendable {
    /// A new member must join again with this id.
    case memberIdRequired(String)
    case unknownMember(String)
    case illegalGeneration
    case rebalanceInProgress
    /// The member shares no assignment protocol (or protocol type) with the group.
    case inconsistentProtocol
    case invalidSessionTimeout
}

/// A group's phase, members and generation, for display.
public struct ClientGroupDescription: Sendable, Equatable {
    public enum Phase: String, Sendable { case empty = "Empty", preparingRebalance = "PreparingRebalance",
                                               completingRebalance = "CompletingRebalance", stable = "Stable" }

    public struct Member: Sendable, Equatable {
        public var memberId: String
        public var clientId: String
        public var clientHost: String
        public var metadata: [UInt8]
        public var assignment: [UInt8]
        /// Partitions of its fetch responses the listener has sent, with records or without (paused, or nothing new).
        public var fetches: Int64 = 0
    }

    public var id: String
    public var phase: Phase
    public var generation: Int32
    public var protocolType: String
    public var protocolName: String
    public var leader: String?
    public var members: [Member]
}
