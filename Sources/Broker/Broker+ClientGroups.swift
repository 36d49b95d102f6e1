public import SluiceModel

/// The dashboard's commands on groups of real Kafka clients, which it names `topic/group` like the broker's own.
extension Broker {
    /// The client-assigned group and topic behind a snapshot's `topic/group` id, if one has that id.
    public func clientGroup(snapshotId id: String) -> (group: ClientAssignedGroup, topic: Topic)? {
        for group in clientGroups.all {
            for topic in topics where "\(topic.name)/\(group.id)" == id { return (group, topic) }
        }
        return nil
    }

    /// Moves a client group's committed offsets on one topic (one partition, or all) and makes its members
    /// rejoin to read from there; returns what comes again and what is skipped.
    @discardableResult
    public func seekClientGroup(_ group: ClientAssignedGroup, topic: Topic, partition: Int?,
                                to target: SeekPosition) throws(BrokerError) -> SeekCount {
        let moves = try clientSeekMoves(group, topic: topic, partition: partition, to: target)
        let count = moves.values.reduce(SeekCount()) { $0 + $1.count }
        group.rewriteOffsets(moves.mapValues(\.offset),
                             because: "seek \(topic.name) \(partition.map { "p\($0)" } ?? "all partitions") to \(target.text): \(count.description)")
        return count
    }

    /// What `seekClientGroup` would do, without doing it.
    public func clientSeekCount(_ group: ClientAssignedGroup, topic: Topic, partition: Int?,
                                to target: SeekPosition) throws(BrokerError) -> SeekCount {
        try clientSeekMoves(group, topic: topic, partition: partition, to: target).values.reduce(SeekCount()) { $0 + $1.count }
    }

    private func clientSeekMoves(_ group: ClientAssignedGroup, topic: Topic, partition: Int?, to target: SeekPosition)
        throws(BrokerError) -> [ClientGroupOffset.Key: (offset: Int64, count: SeekCount)] {
        if let partition { try topic.checkPartition(partition) }
        var moves: [ClientGroupOffset.Key: (offset: Int64, count: SeekCount)] = [:]
        for index in partition.map({ [$0] }) ?? Array(0..<topic.partitionCount) {
            let key = ClientGroupOffset.Key(topic: topic.name, partition: Int32(index))
            let offset = try topic.offset(of: target, partition: index)
            let committed: Int64
            if let known = group.committedOffset(key) { committed = known } else { committed = try topic.logStartOffset(partition: index) }
            moves[key] = (offset, SeekCount.moving(from: committed, to: offset))
        }
        return moves
    }
}

extension SeekPosition {
    /// `earliest`, `latest`, `offset 42`, `time 1m30s`.
    var text: String {
        switch self {
        case .earliest: "earliest"
        case .latest: "latest"
        case .offset(let offset): "offset \(offset)"
        case .time(let time): "time " + ClockText.format(time)
        case .entryID(let id): "id " + UntrustedText.escape(id)
        }
    }

    /// Why the broker refuses `.entryID`: its records have offsets and times, no other id.
    static let noEntryIDs = "the embedded broker names records by offset; start from an offset or a time"
}
