import SluiceModel

/// A consumer group's membership, assignment and offsets, guarded by the group's lock.
/// Lock order: group, then partition; never the other way.
struct GroupState {
    struct Cursor {
        var committed: Int64
        /// The next offset the owner will be handed.
        var position: Int64
        /// One past the highest offset ever handed out: offsets below it are handed out *again*.
        var deliveredEnd: Int64
        var owner: String?
    }

    struct Member {
        let id: String
        var assigned: [Int] = []
        var paused = false
        var pausedPartitions: Set<Int> = []
        var counters = Counters()
        var rate: RateMeter
        /// Where the next poll starts among the assigned partitions, so none starves.
        var rotation = 0
    }

    let topic: Topic
    let name: String
    let strategy: AssignmentStrategy
    let autoCommitInterval: Nanos?
    private(set) var generation = 0
    private(set) var paused = false
    private(set) var members: [Member] = []
    /// Each member's index in `members`: finding a member costs the same in a group of 1000 as of 10.
    private var memberPositions: [String: Int] = [:]
    private(set) var cursors: [Cursor]
    private var counters = Counters()
    private var consumeRate: RateMeter
    /// What each partition hands the group per second.
    private var partitionRates: [RateMeter]
    private var lagHistory = SecondSeries()
    private var lastAutoCommit: Nanos

    init(topic: Topic, name: String, strategy: AssignmentStrategy, start: SeekPosition,
         autoCommitInterval: Nanos?, now: Nanos) throws(BrokerError) {
        if let interval = autoCommitInterval, interval <= 0 {
            throw .invalidConfiguration("auto-commit interval must be positive, got \(interval) ns")
        }
        self.topic = topic
        self.name = name
        self.strategy = strategy
        self.autoCommitInterval = autoCommitInterval
        cursors = try topic.partitions.indices.map { (partition) throws(BrokerError) -> Cursor in
            let offset = try topic.resolve(start, partition: partition, now: now, strict: false)
            return Cursor(committed: offset, position: offset, deliveredEnd: offset, owner: nil)
        }
        consumeRate = RateMeter(now: now)
        partitionRates = Array(repeating: RateMeter(now: now), count: topic.partitions.count)
        lastAutoCommit = now
    }

    var id: String { "\(topic.name)/\(name)" }

    var totalLag: Int64 { Self.totalLag(of: cursors, in: topic) }

    private static func totalLag(of cursors: [Cursor], in topic: Topic) -> Int64 {
        cursors.indices.reduce(0) { $0 + max(0, topic.partitions[$1].logEndOffset - cursors[$1].committed) }
    }

    func memberIndex(_ member: String) throws(BrokerError) -> Int {
        guard let index = memberPositions[member] else {
            throw .unknownMember(group: id, member: member)
        }
        return index
    }

    // MARK: Membership

    /// Adds a member and rebalances; joining twice changes nothing.
    mutating func join(_ member: String, now: Nanos) -> Bool {
        observe(now: now)
        guard memberPositions[member] == nil else { return false }
        memberPositions[member] = members.count
        members.append(Member(id: member, rate: RateMeter(now: now)))
        rebalance()
        return true
    }

    mutating func leave(_ member: String, now: Nanos) throws(BrokerError) {
        observe(now: now)
        let index = try memberIndex(member)
        members.remove(at: index)
        memberPositions[member] = nil
        for later in index..<members.count { memberPositions[members[later].id] = later }
        rebalance()
    }

    /// Reassigns every partition and bumps the generation. A partition that changes owner resumes from
    /// its committed offset, so records handed out but not committed are handed out again.
    private mutating func rebalance() {
        if autoCommitInterval != nil { commitAllPositions() }
        let previous = cursors.map(\.owner)
        let owners = strategy.assign(partitionCount: cursors.count, members: members.map(\.id), previousOwners: previous)
        for partition in cursors.indices {
            if owners[partition] != previous[partition] { cursors[partition].position = cursors[partition].committed }
            cursors[partition].owner = owners[partition]
        }
        // One pass over the partitions (not one per member): a rebalance costs partitions + members.
        var assigned = Array(repeating: [Int](), count: members.count)
        for partition in cursors.indices {
            if let owner = cursors[partition].owner, let index = memberPositions[owner] { assigned[index].append(partition) }
        }
        for index in members.indices {
            members[index].assigned = assigned[index]
            members[index].pausedPartitions.formIntersection(assigned[index])
            members[index].rotation = 0
        }
        generation += 1
    }

    // MARK: Consuming

    /// Hands `member` up to `max` records from its assigned, unpaused partitions, round the partitions.
    mutating func poll(_ member: String, max: Int, now: Nanos, into batch: inout RecordBatch) throws(BrokerError) {
        let index = try memberIndex(member)
        observe(now: now)
        if let interval = autoCommitInterval, now - lastAutoCommit >= interval {
            commitAllPositions()
            lastAutoCommit = now
        }
        batch.reset(member: member, generation: generation)
        let assigned = members[index].assigned
        guard max > 0, !paused, !members[index].paused, !assigned.isEmpty else { return }
        var remaining = max
        var redelivered: Int64 = 0
        let start = members[index].rotation % assigned.count
        for step in 0..<assigned.count where remaining > 0 {
            let partition = assigned[(start + step) % assigned.count]
            if members[index].pausedPartitions.contains(partition) { continue }
            let from = cursors[partition].position
            let before = batch.count
            let next = topic.partitions[partition].withLog { log in
                log.expireByAge(now: now)
                return log.read(from: from, max: remaining, into: &batch)
            }
            let taken = batch.count - before
            if taken > 0 { partitionRates[partition].record(taken, at: now) }
            redelivered += Swift.max(0, Swift.min(next, cursors[partition].deliveredEnd) - (next - Int64(taken)))
            cursors[partition].position = next
            cursors[partition].deliveredEnd = Swift.max(cursors[partition].deliveredEnd, next)
            remaining -= taken
        }
        members[index].rotation = start + 1
        let delivered = Int64(batch.count)
        counters.delivered += delivered
        counters.redelivered += redelivered
        members[index].counters.delivered += delivered
        members[index].counters.redelivered += redelivered
        consumeRate.record(batch.count, at: now)
        members[index].rate.record(batch.count, at: now)
    }

    /// Commits the offset after each partition's last record in `batch`.
    mutating func commit(_ batch: RecordBatch, now: Nanos) throws(BrokerError) {
        guard let member = batch.member else {
            throw .invalidArgument("a batch from a plain read belongs to no member and cannot be committed")
        }
        let index = try memberIndex(member)
        observe(now: now)
        guard batch.generation == generation else {
            throw .staleGeneration(group: id, polledIn: batch.generation, current: generation)
        }
        for run in batch.runs {
            guard cursors[run.partition].owner == member else {
                throw .notPartitionOwner(group: id, member: member, partition: run.partition)
            }
            advanceCommitted(run.partition, to: run.nextOffset, by: index)
        }
    }

    /// Commits the position of every partition `member` owns.
    mutating func commitPositions(of member: String, now: Nanos) throws(BrokerError) {
        let index = try memberIndex(member)
        observe(now: now)
        for partition in members[index].assigned {
            advanceCommitted(partition, to: cursors[partition].position, by: index)
        }
    }

    mutating func commit(_ member: String, partition: Int, offset: Int64, now: Nanos) throws(BrokerError) {
        let index = try memberIndex(member)
        try topic.checkPartition(partition)
        observe(now: now)
        guard cursors[partition].owner == member else {
            throw .notPartitionOwner(group: id, member: member, partition: partition)
        }
        let logEnd = topic.partitions[partition].logEndOffset
        guard offset <= logEnd else {
            throw .offsetBeyondLogEnd(topic: topic.name, partition: partition, offset: offset, logEnd: logEnd)
        }
        advanceCommitted(partition, to: offset, by: index)
    }

    private mutating func commitAllPositions() {
        for partition in cursors.indices {
            guard let owner = cursors[partition].owner, let index = memberPositions[owner] else {
                continue
            }
            advanceCommitted(partition, to: cursors[partition].position, by: index)
        }
    }

    /// Sets the committed offset; what it gains counts as acknowledged by the member.
    private mutating func advanceCommitted(_ partition: Int, to offset: Int64, by member: Int) {
        let gained = offset - cursors[partition].committed
        cursors[partition].committed = offset
        if gained > 0 {
            counters.acked += gained
            members[member].counters.acked += gained
        }
    }

    // MARK: Pause, resume, seek

    /// Pauses the whole group (`member` nil) or one member.
    mutating func setPaused(_ isPaused: Bool, member: String?) throws(BrokerError) {
        guard let member else {
            paused = isPaused
            if !isPaused {
                for index in members.indices {
                    members[index].paused = false
                    members[index].pausedPartitions.removeAll()
                }
            }
            return
        }
        let index = try memberIndex(member)
        members[index].paused = isPaused
        if !isPaused { members[index].pausedPartitions.removeAll() }
    }

    mutating func setPaused(_ isPaused: Bool, member: String, partition: Int) throws(BrokerError) {
        let index = try memberIndex(member)
        try topic.checkPartition(partition)
        guard members[index].assigned.contains(partition) else {
            throw .notPartitionOwner(group: id, member: member, partition: partition)
        }
        if isPaused { members[index].pausedPartitions.insert(partition) } else { members[index].pausedPartitions.remove(partition) }
    }

    /// Moves the committed offset and position of one partition (or all) to `target`: replay.
    /// Returns how many records will be handed out again.
    mutating func seek(partition: Int?, to target: SeekPosition, now: Nanos) throws(BrokerError) -> SeekCount {
        observe(now: now)
        let targets = try resolve(partition: partition, target, now: now)
        let replayCount = counted(targets)
        for (partition, offset) in targets {
            cursors[partition].committed = offset
            cursors[partition].position = offset
        }
        return replayCount
    }

    /// What a seek would do, from the committed offsets: records handed out again and records skipped.
    func seekCount(partition: Int?, to target: SeekPosition, now: Nanos) throws(BrokerError) -> SeekCount {
        counted(try resolve(partition: partition, target, now: now))
    }

    private func counted(_ targets: [(partition: Int, offset: Int64)]) -> SeekCount {
        targets.reduce(SeekCount()) { $0 + .moving(from: cursors[$1.partition].committed, to: $1.offset) }
    }

    private func resolve(partition: Int?, _ target: SeekPosition, now: Nanos) throws(BrokerError) -> [(partition: Int, offset: Int64)] {
        if let partition { try topic.checkPartition(partition) }
        let chosen = partition.map { [$0] } ?? Array(cursors.indices)
        return try chosen.map { (partition) throws(BrokerError) -> (partition: Int, offset: Int64) in
            (partition, try topic.resolve(target, partition: partition, now: now, strict: true))
        }
    }

    // MARK: Observation

    private mutating func observe(now: Nanos) {
        let (topic, cursors) = (topic, cursors)
        lagHistory.observe(at: now) { Double(Self.totalLag(of: cursors, in: topic)) }
    }

    func isPaused(partition: Int) -> Bool {
        guard let owner = cursors[partition].owner, let index = memberPositions[owner] else { return paused }
        let member = members[index]
        return paused || member.paused || member.pausedPartitions.contains(partition)
    }

    private func ref(_ partition: Int) -> PartitionRef { PartitionRef(topic: topic.name, partition: partition) }

    mutating func snapshot(now: Nanos) -> GroupSnapshot {
        observe(now: now)
        let partitions = cursors.indices.map { partition in
            GroupPartitionSnapshot(
                topic: topic.name, partition: partition, committedOffset: cursors[partition].committed,
                position: cursors[partition].position, logEndOffset: topic.partitions[partition].logEndOffset,
                owner: cursors[partition].owner, paused: isPaused(partition: partition),
                consumedPerSecond: partitionRates[partition].perSecond(at: now))
        }
        let memberSnapshots = members.map { member in
            MemberSnapshot(
                id: member.id, assigned: member.assigned.map(ref), paused: paused || member.paused,
                pausedPartitions: member.pausedPartitions.sorted().map(ref), counters: member.counters,
                processedPerSecond: member.rate.perSecond(at: now),
                inFlight: Int(member.assigned.reduce(0) { $0 + cursors[$1].position - cursors[$1].committed }))
        }
        return GroupSnapshot(
            id: GroupID(name, stream: topic.name), subscriptions: [topic.name], generation: generation, strategy: strategy.rawValue, paused: paused,
            members: memberSnapshots, partitions: partitions, counters: counters,
            consumedPerSecond: consumeRate.perSecond(at: now), lagHistory: lagHistory.series)
    }
}
