import SluiceModel

/// A group of real Kafka clients as the dashboard sees it: one `GroupSnapshot` per topic it reads, like
/// the broker's own groups, with each member's client id, host, assigned partitions and fetch rate.
extension ClientAssignedGroup {
    /// One snapshot per topic the group has assigned or committed, in name order; `topic` finds the broker's topic.
    ///
    /// A partition without a committed offset counts from its log start: what a new member reads first.
    func snapshots(now: Nanos, topic lookup: (String) -> Topic?) -> [GroupSnapshot] {
        withState { state in
            state.expireSessions(now: now)
            let names = Set(state.offsets.keys.map(\.topic))
                .union(state.members.values.flatMap { $0.partitions.map(\.topic) })
            return names.sorted().compactMap { name -> GroupSnapshot? in
                guard let topic = lookup(name) else { return nil }
                return state.snapshot(id: id, topic: topic, now: now)
            }
        }
    }
}

extension ClientGroupState {
    mutating func snapshot(id: String, topic: Topic, now: Nanos) -> GroupSnapshot {
        let members = memberOrder.compactMap { self.members[$0] }
        let partitions = (0..<topic.partitionCount).map { index -> GroupPartitionSnapshot in
            let key = ClientGroupOffset.Key(topic: topic.name, partition: Int32(index))
            let start = (try? topic.logStartOffset(partition: index)) ?? 0
            let end = (try? topic.logEndOffset(partition: index)) ?? 0
            let committed = offsets[key]?.offset ?? start
            let owner = members.first { $0.partitions.contains(key) }
            return GroupPartitionSnapshot(
                partition: index, committedOffset: committed, position: activity[key]?.position ?? committed,
                logEndOffset: end, owner: owner?.id, paused: paused || owner?.paused == true,
                consumedPerSecond: activity[key]?.rate.perSecond(at: now) ?? 0)
        }
        let lag = Double(partitions.reduce(Int64(0)) { $0 + $1.lag })
        lagHistories[topic.name, default: SecondSeries()].observe(at: now) { lag }
        var counters = Counters()
        let memberSnapshots = members.map { member -> MemberSnapshot in
            var memberCounters = Counters()
            memberCounters.delivered = member.delivered[topic.name] ?? 0
            counters.delivered += memberCounters.delivered
            let assigned = member.partitions.filter { $0.topic == topic.name }.map { Int($0.partition) }.sorted()
            return MemberSnapshot(
                id: member.id, assigned: assigned, paused: paused || member.paused,
                pausedPartitions: paused || member.paused ? assigned : [], counters: memberCounters,
                processedPerSecond: member.rates[topic.name]?.perSecond(at: now) ?? 0,
                clientId: member.clientId, clientHost: member.clientHost)
        }
        var details = [Detail("assigned by", "the clients (\(protocolName.isEmpty ? "no protocol yet" : protocolName))"),
                       Detail("state", phase.rawValue)]
        if let leader { details.append(Detail("leader", leader)) }
        return GroupSnapshot(
            topic: topic.name, name: id, generation: Int(generation),
            strategy: protocolName.isEmpty ? "client" : protocolName, paused: paused, members: memberSnapshots,
            partitions: partitions, counters: counters, consumedPerSecond: partitions.reduce(0) { $0 + $1.consumedPerSecond },
            lagHistory: lagHistories[topic.name]?.series ?? Series(), details: details)
    }
}
