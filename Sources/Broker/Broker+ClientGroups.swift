public import SluiceModel

/// The dashboard's commands on groups of real Kafka clients: a Kafka group is its name alone, whatever topics it reads.
extension Broker {
    /// The client-assigned group a snapshot's id names, if one has it.
    public func clientGroup(_ id: GroupID) -> ClientAssignedGroup? {
        guard id.stream == nil else { return nil }
        return clientGroups.existing(id.name)
    }

    /// Moves a client group's committed offsets (one partition, or every partition of every topic it reads) and
    /// makes its members rejoin to read from there; returns what comes again and what is skipped.
    @discardableResult
    public func seekClientGroup(_ group: ClientAssignedGroup, partition: PartitionRef?,
                                to target: SeekPosition) throws(BrokerError) -> SeekCount {
        let moves = try clientSeekMoves(group, partition: partition, to: target)
        let count = moves.values.reduce(SeekCount()) { $0 + $1.count }
        group.rewriteOffsets(moves.mapValues(\.offset),
                             because: "seek \(partition?.description ?? "all partitions") to \(target.text): \(count.description)")
        return count
    }

    /// What `seekClientGroup` would do, without doing it.
    public func clientSeekCount(_ group: ClientAssignedGroup, partition: PartitionRef?,
                                to target: SeekPosition) throws(BrokerError) -> SeekCount {
        try clientSeekMoves(group, partition: partition, to: target).values.reduce(SeekCount()) { $0 + $1.count }
    }

    private func clientSeekMoves(_ group: ClientAssignedGroup, partition: PartitionRef?, to target: SeekPosition)
        throws(BrokerError) -> [ClientGroupOffset.Key: (offset: Int64, count: SeekCount)] {
        var places: [(topic: Topic, partition: Int)] = []
        if let partition {
            let topic = try topic(partition.topic)
            try topic.checkPartition(partition.partition)
            places = [(topic, partition.partition)]
        } else {
            // A topic deleted since the group committed to it has nothing left to move.
            for name in group.topicNames {
                guard let topic = try? topic(name) else { continue }
                places += (0..<topic.partitionCount).map { (topic, $0) }
            }
        }
        var moves: [ClientGroupOffset.Key: (offset: Int64, count: SeekCount)] = [:]
        for (topic, index) in places {
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
