import SluiceModel

/// A group of real Kafka clients as the dashboard sees it: one `GroupSnapshot` whatever the number of topics
/// it reads (a Kafka group is a name with subscriptions), with each member's client id, host, assigned
/// partitions of every topic and fetch rate.
extension ClientAssignedGroup {
    /// Its snapshot, over the topics it has assigned or committed that the broker has (`topic` finds them).
    ///
    /// A partition without a committed offset counts from its log start: what a new member reads first.
    func snapshot(now: Nanos, topic lookup: (String) -> Topic?) -> GroupSnapshot {
        withState { state in
            state.expireSessions(now: now)
            return state.snapshot(id: id, topics: state.topicNames.compactMap(lookup), now: now)
        }
    }

    /// The topics it has assigned or committed, in name order.
    var topicNames: [String] { withState { $0.topicNames } }
}

extension ClientGroupState {
    var topicNames: [String] {
        Set(offsets.keys.map(\.topic)).union(members.values.flatMap { $0.partitions.map(\.topic) }).sorted()
    }

    mutating func snapshot(id: String, topics: [Topic], now: Nanos) -> GroupSnapshot {
        let members = memberOrder.compactMap { self.members[$0] }
        let partitions = topics.flatMap { topic in
            (0..<topic.partitionCount).map { index -> GroupPartitionSnapshot in
                let key = ClientGroupOffset.Key(topic: topic.name, partition: Int32(index))
                let start = (try? topic.logStartOffset(partition: index)) ?? 0
                let end = (try? topic.logEndOffset(partition: index)) ?? 0
                let committed = offsets[key]?.offset ?? start
                let owner = members.first { $0.partitions.contains(key) }
                return GroupPartitionSnapshot(
                    topic: topic.name, partition: index, committedOffset: committed,
                    position: activity[key]?.position ?? committed, logEndOffset: end, owner: owner?.id,
                    paused: paused || owner?.paused == true, consumedPerSecond: activity[key]?.rate.perSecond(at: now) ?? 0)
            }
        }
        let lag = Double(partitions.reduce(Int64(0)) { $0 + $1.lag })
        lagHistory.observe(at: now) { lag }
        var counters = Counters()
        let memberSnapshots = members.map { member -> MemberSnapshot in
            var memberCounters = Counters()
            memberCounters.delivered = member.delivered.values.reduce(0, +)
            counters.delivered += memberCounters.delivered
            let assigned = member.partitions.map { PartitionRef(topic: $0.topic, partition: Int($0.partition)) }.sorted()
            return MemberSnapshot(
                id: member.id, assigned: assigned, paused: paused || member.paused,
                pausedPartitions: paused || member.paused ? assigned : [], counters: memberCounters,
                processedPerSecond: member.rates.values.reduce(0) { $0 + $1.perSecond(at: now) },
                clientId: member.clientId, clientHost: member.clientHost)
        }
        var details = [Detail("assigned by", "the clients (\(protocolName.isEmpty ? "no protocol yet" : protocolName))"),
                       Detail("state", phase.rawValue)]
        if let leader { details.append(Detail("leader", leader)) }
        return GroupSnapshot(
            id: GroupID(id), subscriptions: topics.map(\.name), generation: Int(generation),
            strategy: protocolName.isEmpty ? "client" : protocolName, paused: paused, members: memberSnapshots,
            partitions: partitions, counters: counters, consumedPerSecond: partitions.reduce(0) { $0 + $1.consumedPerSecond },
            lagHistory: lagHistory.series, details: details)
    }
}
