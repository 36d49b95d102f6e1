import SluiceModel

/// What the dashboard does to a group of real Kafka clients: pause its fetches, move its committed offsets,
/// remove a member. The clients notice only through the protocol (empty fetches, REBALANCE_IN_PROGRESS).
extension ClientAssignedGroup {
    /// Pauses or resumes one member (by id) or, with nil, the whole group.
    public func setPaused(_ paused: Bool, member: String?) throws(ClientGroupError) {
        try withState { (state) throws(ClientGroupError) in
            if let member {
                guard state.members[member] != nil else { throw .unknownMember(member) }
                state.members[member]?.paused = paused
            } else {
                state.paused = paused
                if !paused { for id in state.members.keys { state.members[id]?.paused = false } }
            }
            state.notes.append((paused ? .pause : .resume, "\(paused ? "paused" : "resumed") \(member ?? "the whole group")"))
        }
    }

    /// Rewrites committed offsets and makes every member rejoin (REBALANCE_IN_PROGRESS on its next heartbeat),
    /// so that each fetches the new committed offsets instead of going on from where it was.
    public func rewriteOffsets(_ offsets: [ClientGroupOffset.Key: Int64], because reason: String) {
        let now = clock.now()
        withState { state in
            for (key, offset) in offsets {
                var committed = state.offsets[key] ?? ClientGroupOffset(topic: key.topic, partition: key.partition, offset: offset)
                committed.offset = offset
                committed.leaderEpoch = -1
                state.offsets[key] = committed
                state.activity[key]?.position = offset
            }
            if !state.members.isEmpty && state.phase != .preparingRebalance { state.startRebalance(now: now) }
            state.notes.append((.seek, reason + (state.members.isEmpty ? "" : "; members rejoin to read from there")))
        }
    }

    /// Removes a member as if its session had ended: it is fenced (UNKNOWN_MEMBER_ID) and the others rebalance.
    public func removeMember(_ memberId: String) throws(ClientGroupError) {
        let now = clock.now()
        try withState { (state) throws(ClientGroupError) in
            guard state.members[memberId] != nil else { throw .unknownMember(memberId) }
            state.notes.append((.scale, "removed member \(memberId) from the dashboard"))
            state.remove(memberId, now: now)
        }
    }

    /// Drops what the group kept of a deleted topic: committed offsets and fetch positions.
    func forgetTopic(_ topic: String) {
        withState { state in
            state.offsets = state.offsets.filter { $0.key.topic != topic }
            state.activity = state.activity.filter { $0.key.topic != topic }
        }
    }

    /// The committed offset of each partition, as `rewriteOffsets` would move it from.
    func committedOffset(_ key: ClientGroupOffset.Key) -> Int64? {
        withState { $0.offsets[key]?.offset }
    }

    func fetchPaused(by client: ClientAddress, _ key: ClientGroupOffset.Key) -> Bool {
        withState { state in
            guard let owner = state.owner(of: key, for: client) else { return false }
            return state.paused || state.members[owner]?.paused == true
        }
    }

    func noteFetch(by client: ClientAddress, _ key: ClientGroupOffset.Key, nextOffset: Int64, records: Int) {
        let now = clock.now()
        withState { state in
            guard let owner = state.owner(of: key, for: client) else { return }
            state.members[owner]?.fetches += 1
            var activity = state.activity[key] ?? ClientPartitionActivity(position: nextOffset, rate: RateMeter(now: now))
            activity.position = nextOffset
            activity.rate.record(records, at: now)
            state.activity[key] = activity
            state.members[owner]?.delivered[key.topic, default: 0] += Int64(records)
            var rate = state.members[owner]?.rates[key.topic] ?? RateMeter(now: now)
            rate.record(records, at: now)
            state.members[owner]?.rates[key.topic] = rate
        }
    }
}

extension ClientGroupState {
    /// The member that owns `key` and was started by this client, if any.
    func owner(of key: ClientGroupOffset.Key, for client: ClientAddress) -> String? {
        guard phase != .empty else { return nil }
        return members.values.first { $0.clientId == client.clientId && $0.clientHost == client.host && $0.partitions.contains(key) }?.id
    }
}
