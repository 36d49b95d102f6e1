public import SluiceModel
import Synchronization

/// A stream: named, split into partitions, each an append-only log with gap-free offsets.
public final class Topic: Sendable {
    public let name: String
    public let retention: Retention
    public let dedupeWindow: Nanos
    /// Whether records carry the time the broker appended them, whatever time the producer gave (Kafka's
    /// message.timestamp.type=LogAppendTime). Read by the Kafka listener; the broker's own appends stamp `now`.
    public let stampsAppendTime: Bool
    let partitions: [Partition]
    let clock: any BrokerClock
    /// Where its partitions come in the broker's due order, and the schedule they report to (a grown topic keeps both).
    private let creationIndex: Int
    private let schedule: DueSchedule
    /// Told after every append, for the waiting fetches of the Kafka listener.
    let appendSignal: AppendSignal?
    private let nextRoundRobin = Atomic<Int>(0)
    private let dedupe: Mutex<TopicDedupe>

    struct TopicDedupe {
        var window: DedupeWindow<(partition: Int, offset: Int64)>
        var duplicates: Int64 = 0
    }

    init(name: String, partitionCount: Int, retention: Retention, dedupeWindow: Nanos, clock: any BrokerClock,
         creationIndex: Int, schedule: DueSchedule, stampsAppendTime: Bool = false,
         appendSignal: AppendSignal? = nil) throws(BrokerError) {
        guard partitionCount >= 1 else {
            throw .invalidConfiguration("topic '\(name)' needs at least one partition, got \(partitionCount)")
        }
        try retention.validate()
        self.name = name
        self.retention = retention
        self.dedupeWindow = dedupeWindow
        self.stampsAppendTime = stampsAppendTime
        self.clock = clock
        self.creationIndex = creationIndex
        self.schedule = schedule
        self.appendSignal = appendSignal
        let now = clock.now()
        partitions = (0..<partitionCount).map {
            Partition(topic: name, index: $0, retention: retention, now: now, topicIndex: creationIndex, schedule: schedule)
        }
        dedupe = Mutex(TopicDedupe(window: DedupeWindow(window: dedupeWindow)))
    }

    /// The same topic with more partitions: its partitions (and their records) carry over, new empty ones follow.
    init(growing topic: Topic, to count: Int) {
        name = topic.name
        retention = topic.retention
        dedupeWindow = topic.dedupeWindow
        stampsAppendTime = topic.stampsAppendTime
        clock = topic.clock
        creationIndex = topic.creationIndex
        schedule = topic.schedule
        appendSignal = topic.appendSignal
        let now = clock.now()
        partitions = topic.partitions + (topic.partitions.count..<count).map {
            Partition(topic: topic.name, index: $0, retention: topic.retention, now: now, topicIndex: topic.creationIndex,
                      schedule: topic.schedule)
        }
        dedupe = Mutex(TopicDedupe(window: DedupeWindow(window: topic.dedupeWindow)))
    }

    public var partitionCount: Int { partitions.count }

    /// The partition a record goes to: explicit, else by key as Kafka's Java producer, else round-robin.
    public func partition(for record: ProducerRecord) throws(BrokerError) -> Int {
        if let explicit = record.partition {
            try checkPartition(explicit)
            return explicit
        }
        if let key = record.key { return kafkaPartition(forKey: key, partitionCount: partitions.count) }
        if partitions.count == 1 { return 0 }
        return (nextRoundRobin.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max) % partitions.count
    }

    /// Appends one record, or acknowledges it as a duplicate of one seen within the dedupe window.
    @discardableResult
    public func produce(_ record: ProducerRecord) throws(BrokerError) -> AppendOutcome {
        defer { appendSignal?.appended() }
        let now = clock.now()
        guard let id = record.messageId, !id.isEmpty, dedupeWindow > 0 else {
            let partition = try partition(for: record)
            let offset = try append(record, to: partition, now: now)
            return .appended(partition: partition, offset: offset)
        }
        // The id is remembered only once the append succeeded, so a refused record may be sent again.
        return try dedupe.withLock { (dedupe) throws(BrokerError) -> AppendOutcome in
            if let original = dedupe.window.original(of: id, now: now) {
                dedupe.duplicates += 1
                return .duplicate(partition: original.partition, offset: original.offset)
            }
            let partition = try partition(for: record)
            let offset = try append(record, to: partition, now: now)
            dedupe.window.remember(id, origin: (partition, offset), now: now)
            return .appended(partition: partition, offset: offset)
        }
    }

    /// Appends a batch, taking each partition's lock once per run of records bound for it.
    public func produce(contentsOf records: [ProducerRecord]) -> AppendSummary {
        defer { appendSignal?.appended() }
        let now = clock.now()
        var summary = AppendSummary()
        // Records are read in place from the array's buffer: copying each would retain its arrays.
        records.withUnsafeBufferPointer { buffer in
            guard let records = buffer.baseAddress else { return }
            let count = buffer.count
            var next = 0
            while next < count {
                if records[next].hasMessageId {
                    // Deduplication needs the topic-wide window, so these go one at a time.
                    do throws(BrokerError) {
                        switch try produce(records[next]) {
                        case .appended: summary.appended += 1
                        case .duplicate: summary.duplicates += 1
                        }
                    } catch { summary.reject(error) }
                    next += 1
                    continue
                }
                let partition: Int
                do throws(BrokerError) { partition = try self.partition(for: records[next]) } catch {
                    summary.reject(error)
                    next += 1
                    continue
                }
                next = appendRun(of: records, count: count, from: next, to: partition, now: now, summary: &summary)
            }
        }
        return summary
    }

    /// Appends records from `start` while they have no message id and go to `partition`; returns where it stopped.
    private func appendRun(of records: UnsafePointer<ProducerRecord>, count: Int, from start: Int, to partition: Int,
                           now: Nanos, summary: inout AppendSummary) -> Int {
        partitions[partition].withLog { log in
            var next = start
            var appended = 0
            while next < count {
                if next > start {
                    if records[next].hasMessageId { break }
                    // Keyless records share the round-robin counter, so only a keyed or pinned one can stay.
                    if partitions.count > 1 {
                        guard records[next].key != nil || records[next].partition != nil,
                              (try? self.partition(for: records[next])) == partition else { break }
                    }
                }
                do throws(BrokerError) {
                    _ = try log.append(records + next, now: now)
                    appended += 1
                } catch { summary.reject(error) }
                next += 1
            }
            log.noteProduced(appended, now: now)
            summary.appended += appended
            return next
        }
    }

    /// Up to `max` records of one partition from `offset` (clamped up to the log start): the inspector's view.
    public func read(partition: Int, from offset: Int64, max: Int) throws(BrokerError) -> RecordBatch {
        try checkPartition(partition)
        let now = clock.now()
        var batch = RecordBatch()
        try partitions[partition].withLog { (log) throws(BrokerError) in
            log.expireByAge(now: now)
            if offset > log.logEndOffset {
                throw .offsetBeyondLogEnd(topic: name, partition: partition, offset: offset, logEnd: log.logEndOffset)
            }
            _ = log.read(from: offset, max: max, into: &batch)
        }
        return batch
    }

    public func logStartOffset(partition: Int) throws(BrokerError) -> Int64 {
        try checkPartition(partition)
        return partitions[partition].withLog { $0.logStartOffset }
    }

    public func logEndOffset(partition: Int) throws(BrokerError) -> Int64 {
        try checkPartition(partition)
        return partitions[partition].logEndOffset
    }

    /// Bytes the topic's segments hold (index and arena), for memory accounting.
    public var allocatedBytes: Int { partitions.reduce(0) { $0 + $1.withLog { $0.allocatedBytes } } }

    /// Where `position` points in one partition at `now`. Offsets are clamped to the retained range,
    /// unless `strict`, where an offset beyond the log end is an error.
    func resolve(_ position: SeekPosition, partition: Int, now: Nanos, strict: Bool) throws(BrokerError) -> Int64 {
        try partitions[partition].withLog { (log) throws(BrokerError) -> Int64 in
            log.expireByAge(now: now)
            switch position {
            case .earliest: return log.logStartOffset
            case .latest: return log.logEndOffset
            case .time(let time): return log.offset(atOrAfter: time)
            case .entryID: throw .invalidArgument(SeekPosition.noEntryIDs)
            case .offset(let offset):
                if strict, offset > log.logEndOffset {
                    throw .offsetBeyondLogEnd(topic: name, partition: partition, offset: offset, logEnd: log.logEndOffset)
                }
                return min(max(offset, log.logStartOffset), log.logEndOffset)
            }
        }
    }

    func checkPartition(_ partition: Int) throws(BrokerError) {
        guard partitions.indices.contains(partition) else {
            throw .partitionOutOfRange(topic: name, partition: partition, partitionCount: partitions.count)
        }
    }

    func snapshot(now: Nanos) -> TopicSnapshot {
        var counters = Counters()
        var produced = 0.0
        let parts = partitions.map { partition in
            partition.withLog { log in
                log.expireByAge(now: now)
                counters.add(log.counters)
                let snapshot = log.snapshot(now: now)
                produced += snapshot.producedPerSecond
                return snapshot
            }
        }
        counters.duplicates += dedupe.withLock { $0.duplicates }
        return TopicSnapshot(name: name, partitions: parts, retention: retention.info, counters: counters,
                             producedPerSecond: produced)
    }

    private func append(_ record: ProducerRecord, to partition: Int, now: Nanos) throws(BrokerError) -> Int64 {
        var record = record
        return try partitions[partition].withLog { (log) throws(BrokerError) -> Int64 in
            let offset = try withUnsafePointer(to: &record) { (record) throws(BrokerError) in try log.append(record, now: now) }
            log.noteProduced(1, now: now)
            return offset
        }
    }
}
