import SluiceModel

/// What fetches have read of one partition for a client-assigned group.
struct ClientPartitionActivity {
    /// The offset after the last record a fetch handed out.
    var position: Int64
    var rate: RateMeter
}

/// A member of a client-assigned group, as the coordinator tracks it.
struct ClientGroupMember {
    let id: String
    var clientId: String
    var clientHost: String
    var protocols: [(name: String, metadata: [UInt8])]
    var sessionTimeout: Nanos
    var rebalanceTimeout: Nanos
    var lastSeen: Nanos
    var assignment: [UInt8] = []
    /// The generation of the last round this member completed a join in.
    var joinedGeneration: Int32 = -1
    /// The partitions its assignment names, as the listener read them: what its fetches are matched to.
    var partitions: Set<ClientGroupOffset.Key> = []
    /// Paused from the dashboard: its fetches get no records, its session goes on.
    var paused = false
    /// Records its fetches were handed and how fast, per topic.
    var delivered: [String: Int64] = [:]
    var rates: [String: RateMeter] = [:]
    var fetches: Int64 = 0

    func metadata(for protocolName: String) -> [UInt8] {
        protocols.first { $0.name == protocolName }?.metadata ?? []
    }
}

/// The coordinator's state machine for one client-assigned group (Kafka's Empty, PreparingRebalance,
/// CompletingRebalance and Stable), kept under the group's lock.
struct ClientGroupState {
    typealias Phase = ClientGroupDescription.Phase

    var phase: Phase = .empty
    var generation: Int32 = 0
    var protocolType = ""
    var protocolName = ""
    var leader: String?
    var members: [String: ClientGroupMember] = [:]
    /// Member ids in the order they first joined: the next leader is the oldest.
    var memberOrder: [String] = []
    /// Members that have joined the round in progress.
    var joined: Set<String> = []
    var rebalanceDeadline: Nanos = 0
    var offsets: [ClientGroupOffset.Key: ClientGroupOffset] = [:]
    /// Ids handed to new members that must join again with them, and when.
    var pendingIds: [String: Nanos] = [:]
    var nextMemberNumber = 0
    /// The whole group paused from the dashboard.
    var paused = false
    /// What fetches have read of each partition: the next offset and how fast.
    var activity: [ClientGroupOffset.Key: ClientPartitionActivity] = [:]
    /// Total lag over every topic it reads, one sample per second.
    var lagHistory = SecondSeries()
    /// Event-log lines waiting for the group to hand them to the broker's log (rebalances, expiries).
    var notes: [(kind: EventLogEntry.Kind, text: String)] = []

    /// The longest session a member may ask for (Kafka's group.max.session.timeout.ms default).
    static let maxSessionTimeout: Nanos = 30 * 60 * NanosPerUnit.second

    mutating func join(_ request: ClientAssignedGroup.JoinRequest, now: Nanos) throws(ClientGroupError) -> String {
        guard request.sessionTimeout > 0, request.sessionTimeout <= Self.maxSessionTimeout else { throw .invalidSessionTimeout }
        var memberId = request.memberId
        if memberId.isEmpty {
            nextMemberNumber += 1
            memberId = "\(request.clientId)-\(nextMemberNumber)"
            if request.requiresKnownMemberId {
                pendingIds[memberId] = now
                throw .memberIdRequired(memberId)
            }
        } else if members[memberId] == nil && pendingIds[memberId] == nil {
            throw .unknownMember(memberId)
        }
        let others = members.values.filter { $0.id != memberId }
        if !others.isEmpty {
            guard request.protocolType == protocolType,
                  request.protocols.contains(where: { wanted in others.allSatisfy { $0.protocols.contains { $0.name == wanted.name } } })
            else { throw .inconsistentProtocol }
        }
        protocolType = request.protocolType
        pendingIds[memberId] = nil
        if members[memberId] == nil {
            memberOrder.append(memberId)
            notes.append((.info, "member \(memberId) (client \(request.clientId), host \(request.clientHost)) joins"))
        }
        // A rejoining member keeps what the dashboard did to it (paused) and what it has read.
        var member = members[memberId] ?? ClientGroupMember(
            id: memberId, clientId: request.clientId, clientHost: request.clientHost, protocols: request.protocols,
            sessionTimeout: request.sessionTimeout, rebalanceTimeout: request.rebalanceTimeout, lastSeen: now)
        member.clientId = request.clientId
        member.clientHost = request.clientHost
        member.protocols = request.protocols
        member.sessionTimeout = request.sessionTimeout
        member.rebalanceTimeout = request.rebalanceTimeout
        member.lastSeen = now
        members[memberId] = member
        if phase != .preparingRebalance { startRebalance(now: now) }
        joined.insert(memberId)
        completeRebalanceIfReady(now: now)
        return memberId
    }

    mutating func startRebalance(now: Nanos) {
        phase = .preparingRebalance
        joined = []
        rebalanceDeadline = now + (members.values.map(\.rebalanceTimeout).max() ?? 0)
    }

    /// Ends the joining phase once every member has joined, or the rebalance timeout has passed (then the
    /// members that did not join are dropped).
    mutating func completeRebalanceIfReady(now: Nanos) {
        guard phase == .preparingRebalance else { return }
        guard members.keys.allSatisfy(joined.contains) || now >= rebalanceDeadline else { return }
        for id in members.keys where !joined.contains(id) {
            notes.append((.warning, "member \(id) did not rejoin within the rebalance timeout: removed"))
            forget(id)
        }
        generation += 1
        guard !members.isEmpty else {
            phase = .empty
            leader = nil
            return
        }
        if leader.map({ members[$0] == nil }) ?? true { leader = memberOrder.first }
        let leaderProtocols = leader.flatMap { members[$0] }?.protocols.map(\.name) ?? []
        protocolName = leaderProtocols.first { name in members.values.allSatisfy { $0.protocols.contains { $0.name == name } } } ?? ""
        for id in members.keys {
            members[id]?.joinedGeneration = generation
            members[id]?.assignment = []
            members[id]?.partitions = []
        }
        phase = .completingRebalance
    }

    func joinResult(memberId: String) throws(ClientGroupError) -> ClientAssignedGroup.JoinResult? {
        guard let member = members[memberId] else { throw .unknownMember(memberId) }
        guard phase != .preparingRebalance, member.joinedGeneration == generation else { return nil }
        let everyone = memberId == leader
            ? memberOrder.compactMap { members[$0] }.map { ($0.id, $0.metadata(for: protocolName)) } : []
        return ClientAssignedGroup.JoinResult(generation: generation, protocolType: protocolType, protocolName: protocolName,
                                              leader: leader ?? "", memberId: memberId, members: everyone)
    }

    mutating func sync(memberId: String, generation: Int32, assignments: [String: [UInt8]],
                       partitions: [String: [ClientGroupOffset.Key]], now: Nanos) throws(ClientGroupError) {
        try checkMember(memberId, generation: generation)
        if phase == .preparingRebalance { throw .rebalanceInProgress }
        members[memberId]?.lastSeen = now
        guard phase == .completingRebalance, memberId == leader else { return }
        for id in members.keys {
            members[id]?.assignment = assignments[id] ?? []
            members[id]?.partitions = Set(partitions[id] ?? [])
        }
        phase = .stable
        let owners = memberOrder.compactMap { members[$0] }.map { member in
            member.id + "=" + member.partitions.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
                .map { "\($0.topic)/\($0.partition)" }.joined(separator: ",")
        }
        notes.append((.rebalance, "rebalanced to generation \(generation) (\(protocolName)): \(owners.joined(separator: " "))"))
    }

    func checkMember(_ memberId: String, generation: Int32) throws(ClientGroupError) {
        guard members[memberId] != nil else { throw .unknownMember(memberId) }
        guard generation == self.generation else { throw .illegalGeneration }
    }

    /// Drops members whose session ran out; a member waiting in a join is alive until the rebalance timeout.
    mutating func expireSessions(now: Nanos) {
        let expired = members.values.filter { member in
            !(phase == .preparingRebalance && joined.contains(member.id)) && member.lastSeen + member.sessionTimeout < now
        }
        for member in expired {
            notes.append((.warning, "member \(member.id) (client \(member.clientId)) missed its session timeout: removed"))
            remove(member.id, now: now)
        }
        pendingIds = pendingIds.filter { now - $0.value < Self.maxSessionTimeout }
        completeRebalanceIfReady(now: now)
    }

    /// Removes a member; the rest rebalance (or the group becomes empty).
    mutating func remove(_ memberId: String, now: Nanos) {
        forget(memberId)
        if members.isEmpty {
            if phase != .empty { generation += 1 }
            phase = .empty
            leader = nil
        } else if phase != .preparingRebalance {
            startRebalance(now: now)
        } else {
            completeRebalanceIfReady(now: now)
        }
    }

    private mutating func forget(_ memberId: String) {
        members[memberId] = nil
        memberOrder.removeAll { $0 == memberId }
        joined.remove(memberId)
    }

    func describe(id: String) -> ClientGroupDescription {
        ClientGroupDescription(
            id: id, phase: phase, generation: generation, protocolType: protocolType, protocolName: protocolName,
            leader: leader,
            members: memberOrder.compactMap { members[$0] }.map {
                .init(memberId: $0.id, clientId: $0.clientId, clientHost: $0.clientHost,
                      metadata: $0.metadata(for: protocolName), assignment: $0.assignment, fetches: $0.fetches)
            })
    }
}
