public import SluiceModel
import Synchronization

/// A stream: named, split into partitions, each an append-only log with gap-free offsets.
public final class Topic: Sendable {
    public let name: String
    public let retention: Retention
    public let dedupeWindow: Nanos
    let partitions: [Partition]
    private let clock: any BrokerClock
    private let nextRoundRobin = Atomic<Int>(0)
    private let dedupe: Mutex<TopicDedupe>

    struct TopicDedupe {
        var window: DedupeWindow<(partition: Int, offset: Int64)>
        var duplicates: Int64 = 0
    }

    init(name: String, partitionCount: Int, retention: Retention, dedupeWindow: Nanos, clock: any BrokerClock) throws(BrokerError) {
        guard partitionCount >= 1 else {
            throw .invalidConfiguration("topic '\(name)' needs at least one partition, got \(partitionCount)")
        }
        try retention.validate()
        self.name = name
        self.retention = retention
        self.dedupeWindow = dedupeWindow
        self.clock = clock
        let now = clock.now()
        partitions = (0..<partitionCount).map { Partition(topic: name, index: $0, retention: retention, now: now) }
        dedupe = Mutex(TopicDedupe(window: DedupeWindow(window: dedupeWindow)))
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
        return nextRoundRobin.wrappingAdd(1, ordering: .relaxed).oldValue & Int.max % partitions.count
    }

    /// Appends one record, or acknowledges it as a duplicate of one seen within the dedupe window.
    @discardableResult
    public func produce(_ record: ProducerRecord) throws(BrokerError) -> AppendOutcome {
        let now = clock.now()
        let layout = try RecordLayout(record)
        guard let id = record.messageId, !id.isEmpty, dedupeWindow > 0 else {
            let partition = try partition(for: record)
            let offset = try append(record, layout: layout, to: partition, now: now)
            return .appended(partition: partition, offset: offset)
        }
        // The id is remembered only once the append succeeded, so a refused record may be sent again.
        return try dedupe.withLock { (dedupe) throws(BrokerError) -> AppendOutcome in
            if let original = dedupe.window.original(of: id, now: now) {
                dedupe.duplicates += 1
                return .duplicate(partition: original.partition, offset: original.offset)
            }
            let partition = try partition(for: record)
            let offset = try append(record, layout: layout, to: partition, now: now)
            dedupe.window.remember(id, origin: (partition, offset), now: now)
            return .appended(partition: partition, offset: offset)
        }
    }

    /// Appends a batch, taking each partition's lock once per run of records bound for it.
    public func produce(contentsOf records: [ProducerRecord]) -> AppendSummary {
        let now = clock.now()
        var summary = AppendSummary()
        func reject(_ error: BrokerError) {
            summary.rejected += 1
            if summary.firstRejection == nil { summary.firstRejection = error }
        }
        var next = 0
        var pendingPartition: Int?
        while next < records.count {
            if records[next].messageId.map({ !$0.isEmpty }) == true {
                do throws(BrokerError) {
                    switch try produce(records[next]) {
                    case .appended: summary.appended += 1
                    case .duplicate: summary.duplicates += 1
                    }
                } catch { reject(error) }
                next += 1
                continue
            }
            let partition: Int
            if let pending = pendingPartition {
                partition = pending
                pendingPartition = nil
            } else {
                do throws(BrokerError) { partition = try self.partition(for: records[next]) } catch {
                    reject(error)
                    next += 1
                    continue
                }
            }
            partitions[partition].withLog { log in
                var appended = 0
                while next < records.count {
                    let record = records[next]
                    if appended > 0 {
                        if record.messageId.map({ !$0.isEmpty }) == true { break }
                        guard let following = try? self.partition(for: record) else { break }
                        if following != partition {
                            pendingPartition = following
                            break
                        }
                    }
                    do throws(BrokerError) {
                        _ = try log.append(record, layout: RecordLayout(record), now: now)
                        appended += 1
                    } catch { reject(error) }
                    next += 1
                }
                log.noteProduced(appended, now: now)
                summary.appended += appended
            }
        }
        return summary
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

    func applyDue(now: Nanos) {
        guard retention.maxAge != nil else { return }
        for partition in partitions { partition.withLog { $0.expireByAge(now: now) } }
    }

    var nextDueTime: Nanos? {
        guard retention.maxAge != nil else { return nil }
        return partitions.compactMap { $0.withLog { $0.nextExpiry } }.min()
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

    private func append(_ record: ProducerRecord, layout: RecordLayout, to partition: Int, now: Nanos) throws(BrokerError) -> Int64 {
        try partitions[partition].withLog { (log) throws(BrokerError) -> Int64 in
            let offset = try log.append(record, layout: layout, now: now)
            log.noteProduced(1, now: now)
            return offset
        }
    }
}
