public import SluiceModel
import Synchronization

/// A consumer group reading one topic: members share its partitions, each partition owned by one member.
///
/// Several groups read the same topic independently (fan-out). Lag per partition is the log end offset
/// minus the committed offset.
public final class ConsumerGroup: Sendable {
    public let name: String
    public let topic: Topic
    public let strategy: AssignmentStrategy
    private let state: Mutex<GroupState>
    private let clock: any BrokerClock
    private let events: EventLog

    init(name: String, topic: Topic, strategy: AssignmentStrategy, start: SeekPosition, autoCommitInterval: Nanos?,
         clock: any BrokerClock, events: EventLog) throws(BrokerError) {
        self.name = name
        self.topic = topic
        self.strategy = strategy
        self.clock = clock
        self.events = events
        state = Mutex(try GroupState(topic: topic, name: name, strategy: strategy, start: start,
                                     autoCommitInterval: autoCommitInterval, now: clock.now()))
    }

    /// Its name within its topic, as commands and snapshots name it (`topic/group` in the event log).
    public var id: GroupID { GroupID(name, stream: topic.name) }

    public var generation: Int { state.withLock { $0.generation } }

    /// Members in join order.
    public var members: [String] { state.withLock { $0.members.map(\.id) } }

    // MARK: Membership

    /// Adds a member and rebalances (joining twice changes nothing). Returns the generation.
    @discardableResult
    public func join(member: String) -> Int {
        let now = clock.now()
        return state.withLock { state in
            if state.join(member, now: now) { noteRebalance(state, now: now, cause: "\(member) joined") }
            return state.generation
        }
    }

    /// Removes a member and rebalances. Returns the generation.
    @discardableResult
    public func leave(member: String) throws(BrokerError) -> Int {
        let now = clock.now()
        return try state.withLock { (state) throws(BrokerError) -> Int in
            try state.leave(member, now: now)
            noteRebalance(state, now: now, cause: "\(member) left")
            return state.generation
        }
    }

    /// The partitions `member` owns, ascending.
    public func assignment(of member: String) throws(BrokerError) -> [Int] {
        try state.withLock { (state) throws(BrokerError) -> [Int] in state.members[try state.memberIndex(member)].assigned }
    }

    // MARK: Consuming

    /// Up to `max` records from the member's assigned, unpaused partitions.
    public func poll(member: String, max: Int) throws(BrokerError) -> RecordBatch {
        var batch = RecordBatch()
        try poll(member: member, max: max, into: &batch)
        return batch
    }

    /// Like `poll(member:max:)`, refilling `batch` so its storage is reused.
    public func poll(member: String, max: Int, into batch: inout RecordBatch) throws(BrokerError) {
        let now = clock.now()
        try state.withLock { (state) throws(BrokerError) in try state.poll(member, max: max, now: now, into: &batch) }
    }

    /// Commits the offsets after the records of a polled batch; refused after a rebalance.
    public func commit(_ batch: RecordBatch) throws(BrokerError) {
        let now = clock.now()
        try state.withLock { (state) throws(BrokerError) in try state.commit(batch, now: now) }
    }

    /// Commits the current position of every partition the member owns.
    public func commit(member: String) throws(BrokerError) {
        let now = clock.now()
        try state.withLock { (state) throws(BrokerError) in try state.commitPositions(of: member, now: now) }
    }

    /// Commits `offset` (the next record to process) for a partition the member owns.
    public func commit(member: String, partition: Int, offset: Int64) throws(BrokerError) {
        let now = clock.now()
        try state.withLock { (state) throws(BrokerError) in
            try state.commit(member, partition: partition, offset: offset, now: now)
        }
    }

    public func committedOffset(partition: Int) throws(BrokerError) -> Int64 {
        try topic.checkPartition(partition)
        return state.withLock { $0.cursors[partition].committed }
    }

    /// The next offset the partition's owner will be handed.
    public func position(partition: Int) throws(BrokerError) -> Int64 {
        try topic.checkPartition(partition)
        return state.withLock { $0.cursors[partition].position }
    }

    /// Log end offset minus committed offset.
    public func lag(partition: Int) throws(BrokerError) -> Int64 {
        let committed = try committedOffset(partition: partition)
        return max(0, topic.partitions[partition].logEndOffset - committed)
    }

    public var totalLag: Int64 { state.withLock { $0.totalLag } }

    // MARK: Pause, resume, seek

    /// Pauses one member, or the whole group when `member` is nil.
    public func pause(member: String?) throws(BrokerError) { try setPaused(true, member: member) }

    /// Resumes one member (and its paused partitions), or everything in the group when `member` is nil.
    public func resume(member: String?) throws(BrokerError) { try setPaused(false, member: member) }

    public func pause(member: String, partition: Int) throws(BrokerError) {
        try state.withLock { (state) throws(BrokerError) in try state.setPaused(true, member: member, partition: partition) }
    }

    public func resume(member: String, partition: Int) throws(BrokerError) {
        try state.withLock { (state) throws(BrokerError) in try state.setPaused(false, member: member, partition: partition) }
    }

    public func isPaused(partition: Int) throws(BrokerError) -> Bool {
        try topic.checkPartition(partition)
        return state.withLock { $0.isPaused(partition: partition) }
    }

    /// Moves one partition (or all, when nil) to `target`, committed offset and position alike: replay.
    /// Returns how many records will be handed out again.
    @discardableResult
    public func seek(partition: Int?, to target: SeekPosition) throws(BrokerError) -> SeekCount {
        let now = clock.now()
        return try state.withLock { (state) throws(BrokerError) -> SeekCount in
            let count = try state.seek(partition: partition, to: target, now: now)
            let scope = partition.map { "partition \($0)" } ?? "all partitions"
            events.append(EventLogEntry(at: now, kind: .seek,
                                        text: "\(id): seek \(scope) to \(target.text); \(count.description)"))
            return count
        }
    }

    /// What `seek(partition:to:)` would do (records again, records skipped), without seeking.
    public func seekCount(partition: Int?, to target: SeekPosition) throws(BrokerError) -> SeekCount {
        let now = clock.now()
        return try state.withLock { (state) throws(BrokerError) -> SeekCount in
            try state.seekCount(partition: partition, to: target, now: now)
        }
    }

    func snapshot(now: Nanos) -> GroupSnapshot { state.withLock { $0.snapshot(now: now) } }

    private func setPaused(_ paused: Bool, member: String?) throws(BrokerError) {
        let now = clock.now()
        try state.withLock { (state) throws(BrokerError) in try state.setPaused(paused, member: member) }
        events.append(EventLogEntry(at: now, kind: paused ? .pause : .resume,
                                    text: "\(id): \(paused ? "paused" : "resumed") \(member ?? "the whole group")"))
    }


    private func noteRebalance(_ state: GroupState, now: Nanos, cause: String) {
        let owners = state.members.map { "\($0.id)=\($0.assigned.map(String.init).joined(separator: ","))" }
        events.append(EventLogEntry(at: now, kind: .rebalance,
                                    text: "\(id): rebalance to generation \(state.generation) (\(cause)): \(owners.joined(separator: " "))"))
    }
}
