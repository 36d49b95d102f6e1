import DequeModule
import SluiceModel

/// One partition's log: segments of records with gap-free offsets from `logStartOffset` to `logEndOffset`.
/// Guarded by its partition's lock.
struct PartitionLog {
    private static let largestSegmentEntries = 16_384
    private static let pageSize = 4_096
    /// The most arena one segment reserves; big records get fewer entries instead (positions are UInt32).
    private static let largestArenaBytes = 256 * 1024 * 1024
    /// How many batches like the one that asks for a segment it holds at least.
    private static let batchesPerSegment = 4

    let topic: String
    let index: Int
    let retention: Retention
    private(set) var segments: Deque<Segment> = []
    private(set) var logStartOffset: Int64 = 0
    private(set) var logEndOffset: Int64 = 0
    private(set) var retainedBytes: Int64 = 0
    private(set) var counters = Counters()
    private(set) var produceRate: RateMeter
    /// The expiry the broker's due schedule holds an entry for (age retention only).
    private var reportedExpiry = ReportedDue()
    private var hotKeys = HotKeys()
    /// The batches Kafka clients produced, as they sent them (a fetch serves these bytes).
    private var wire = WireBatches()
    // Segments start small so idle partitions stay cheap, then grow to the largest size.
    private var nextSegmentEntries = 256
    private var bytesPerRecordEstimate = 128
    /// A dropped segment kept for reuse, so a log under retention stops asking the system for memory.
    private var spareSegment: Segment?
    /// The segments appends go to and retention drops from (the deque's last and first), held without
    /// reference counting on the hot path; the deque keeps them alive.
    private var activeSegment: Unmanaged<Segment>?
    private var oldestSegment: Unmanaged<Segment>?

    init(topic: String, index: Int, retention: Retention, now: Nanos) {
        self.topic = topic
        self.index = index
        self.retention = retention
        produceRate = RateMeter(now: now)
    }

    var retainedCount: Int64 { logEndOffset - logStartOffset }

    /// Appends one record, read in place (after applying retention), and returns its offset.
    mutating func append<Record: AppendableRecord>(_ record: UnsafePointer<Record>, now: Nanos) throws(BrokerError) -> Int64 {
        let layout = try RecordLayout(record)
        expireByAge(now: now)
        if retention.limitsSize { try makeRoom(forBytes: layout.totalBytes) }
        let bytes = layout.totalBytes
        if activeSegment?._withUnsafeGuaranteedRef({ $0.canHold(bytes: bytes) }) != true {
            startSegment(forRecords: 1, bytes: bytes)
        }
        let timestamp = record.pointee.timestamp ?? now
        activeSegment?._withUnsafeGuaranteedRef { $0.append(record, layout: layout, timestamp: timestamp) }
        let offset = logEndOffset
        hotKeys.note(record.pointee.keyArray, offset: offset)
        logEndOffset += 1
        retainedBytes += Int64(layout.totalBytes)
        return offset
    }

    /// Appends records one by one, each copied in; returns the first offset.
    mutating func append<Record: AppendableRecord>(_ records: UnsafeBufferPointer<Record>, now: Nanos) throws(BrokerError) -> Int64 {
        let base = logEndOffset
        guard let first = records.baseAddress else { return base }
        try refuseUnlessRoom(forRecords: records.count, now: now) { () throws(BrokerError) -> Int in
            var bytes = 0
            for index in 0..<records.count { bytes += try RecordLayout(first + index).totalBytes }
            return bytes
        }
        for index in 0..<records.count { _ = try append(first + index, now: now) }
        return base
    }

    /// Appends a Kafka client's batch stored once: `batch` (the bytes it came in) is copied into the arena whole
    /// and its records are indexed where they lie in that copy, which is kept for a fetch to hand out as it came.
    /// Returns the first offset.
    mutating func append(_ records: UnsafeBufferPointer<PlacedRecord>, keeping batch: UnsafeRawBufferPointer,
                         now: Nanos) throws(BrokerError) -> Int64 {
        let base = logEndOffset
        guard !records.isEmpty else { return base }
        try refuseUnlessRoom(forRecords: records.count, now: now) { records.reduce(0) { $0 + $1.storedBytes } }
        guard let active = segmentKeeping(batch, records: records.count, extraBytes: 0, now: now) else { return base }
        let start = active.appendBlob(batch)
        for record in records {
            if retention.limitsSize { try makeRoom(forBytes: record.storedBytes) }
            active.appendPlaced(record, inBlobAt: start)
            hotKeys.note(record.keyLength.map { Array(batch[record.position..<(record.position + $0)]) }, offset: logEndOffset)
            logEndOffset += 1
            retainedBytes += Int64(record.storedBytes)
        }
        wire.add(WireBatch(baseOffset: base, count: records.count, segment: active, start: start, byteCount: batch.count))
        return base
    }

    /// The same for records that do not lie in the batch's bytes as the index needs (a compressed batch's, or
    /// ones with headers): each is copied in beside the batch's copy, which a fetch still hands out.
    mutating func append(_ records: UnsafeBufferPointer<BorrowedRecord>, keeping batch: UnsafeRawBufferPointer,
                         now: Nanos) throws(BrokerError) -> Int64 {
        let base = logEndOffset
        guard let first = records.baseAddress, !records.isEmpty else { return base }
        var layouts: [RecordLayout] = []
        layouts.reserveCapacity(records.count)
        for index in 0..<records.count { layouts.append(try RecordLayout(first + index)) }
        let extraBytes = layouts.reduce(0) { $0 + $1.totalBytes }
        try refuseUnlessRoom(forRecords: records.count, now: now) { extraBytes }
        guard let active = segmentKeeping(batch, records: records.count, extraBytes: extraBytes, now: now) else { return base }
        let start = active.appendBlob(batch)
        for (index, layout) in layouts.enumerated() {
            let record = first + index
            if retention.limitsSize { try makeRoom(forBytes: layout.totalBytes) }
            active.append(record, layout: layout, timestamp: record.pointee.timestamp ?? now)
            hotKeys.note(record.pointee.keyArray, offset: logEndOffset)
            logEndOffset += 1
            retainedBytes += Int64(layout.totalBytes)
        }
        wire.add(WireBatch(baseOffset: base, count: records.count, segment: active, start: start, byteCount: batch.count))
        return base
    }

    /// The segment a kept batch goes into whole, with `extraBytes` more for records copied beside it, so its
    /// records' entries and its copy share an arena (after applying retention by age).
    private mutating func segmentKeeping(_ batch: UnsafeRawBufferPointer, records: Int, extraBytes: Int, now: Nanos) -> Segment? {
        expireByAge(now: now)
        let bytes = batch.count + extraBytes
        if activeSegment?._withUnsafeGuaranteedRef({ $0.canHold(records: records, bytes: bytes) }) != true {
            startSegment(forRecords: records, bytes: bytes)
        }
        let segment = activeSegment?.takeUnretainedValue()
        segment?.prepare(records: records, bytes: bytes)
        return segment
    }

    /// The kept batches from the one holding `offset`, consecutive, up to `maxBytes` (see `WireBatches.run`).
    func wireRun(from offset: Int64, maxBytes: Int) -> [WireBatch] { wire.run(from: offset, maxBytes: maxBytes) }

    /// Of `counters.produced`, the records Kafka clients appended (the rest are the broker's own producers').
    private(set) var producedByClients: Int64 = 0

    /// Counts records appended at `now` (batched so the rate meter is touched once per batch), and whether
    /// a Kafka client appended them.
    mutating func noteProduced(_ count: Int, now: Nanos, byClient: Bool = false) {
        counters.produced += Int64(count)
        if byClient { producedByClients += Int64(count) }
        produceRate.record(count, at: now)
    }

    /// Drops records older than the topic's max age.
    mutating func expireByAge(now: Nanos) {
        guard let maxAge = retention.maxAge else { return }
        while retainedCount > 0, entry(at: logStartOffset).timestamp <= now - maxAge {
            dropOldest()
        }
    }

    /// When the oldest retained record will be old enough to drop, if the topic has a max age.
    var nextExpiry: Nanos? {
        guard let maxAge = retention.maxAge, retainedCount > 0 else { return nil }
        return entry(at: logStartOffset).timestamp + maxAge
    }

    /// The expiry to report to the broker's schedule: only when it is earlier than the one it holds.
    mutating func expiryToReport() -> Nanos? {
        retention.maxAge == nil ? nil : reportedExpiry.earlier(nextExpiry)
    }

    /// The expiry the schedule now holds an entry for.
    mutating func confirmExpiry() -> Nanos? { reportedExpiry.confirm(nextExpiry) }

    /// Adds up to `max` records from `offset` (clamped to the log start) to `batch`; returns the next offset.
    func read(from offset: Int64, max: Int, into batch: inout RecordBatch) -> Int64 {
        var next = Swift.max(offset, logStartOffset)
        var remaining = max
        while remaining > 0, next < logEndOffset {
            let segment = segments[segmentIndex(containing: next)]
            let first = Int(next - segment.baseOffset)
            let taken = min(remaining, segment.count - first)
            batch.append(segment: segment, partition: index, firstIndex: first, count: taken)
            next += Int64(taken)
            remaining -= taken
        }
        return next
    }

    /// The first retained offset whose record's timestamp is at or after `time`, or the log end.
    func offset(atOrAfter time: Nanos) -> Int64 {
        for segment in segments where segment.endOffset > logStartOffset && segment.maxTimestamp >= time {
            let first = Int(Swift.max(logStartOffset - segment.baseOffset, 0))
            for i in first..<segment.count where segment.entry(at: i).timestamp >= time {
                return segment.baseOffset + Int64(i)
            }
        }
        return logEndOffset
    }

    func snapshot(now: Nanos) -> PartitionSnapshot {
        PartitionSnapshot(
            index: index, logStartOffset: logStartOffset, logEndOffset: logEndOffset, bytes: retainedBytes,
            producedPerSecond: produceRate.perSecond(at: now),
            firstTimestamp: retainedCount > 0 ? entry(at: logStartOffset).timestamp : nil,
            lastTimestamp: retainedCount > 0 ? entry(at: logEndOffset - 1).timestamp : nil, counters: counters,
            hotKeys: hotKeys.top)
    }

    /// Bytes held by the segments, index and arena together (kept batches are in the arenas): what the log costs.
    var allocatedBytes: Int { segments.reduce(0) { $0 + $1.allocatedBytes } }

    /// With `discard = new`, refuses a batch that does not fit whole (after age retention), before any of it is
    /// written: a Kafka produce (or any batch) lands all or nothing, where refusing it record by record left its
    /// first records stored. `bytes` (what the batch's records take) is worked out only for such a log.
    private mutating func refuseUnlessRoom(
        forRecords records: Int, now: Nanos, bytes: () throws(BrokerError) -> Int
    ) throws(BrokerError) {
        guard retention.discard == .new, retention.limitsSize else { return }
        expireByAge(now: now)
        let maxMessages = retention.maxMessages.map(Int64.init) ?? .max
        let maxBytes = retention.maxBytes.map(Int64.init) ?? .max
        let overCount = retainedCount + Int64(records) > maxMessages
        let overBytes = try retainedBytes + Int64(bytes()) > maxBytes
        guard overCount || overBytes else { return }
        counters.rejected += Int64(records)
        let limit = overCount ? "max messages \(maxMessages)" : "max bytes \(maxBytes)"
        throw .retentionLimitReached(topic: topic, partition: index, limit: limit)
    }

    private mutating func makeRoom(forBytes bytes: Int) throws(BrokerError) {
        let size = Int64(bytes)
        let maxMessages = retention.maxMessages.map(Int64.init) ?? .max
        let maxBytes = retention.maxBytes.map(Int64.init) ?? .max
        if size > maxBytes {
            counters.rejected += 1
            throw .retentionLimitReached(topic: topic, partition: index,
                                         limit: "a \(bytes)-byte record exceeds max bytes \(maxBytes)")
        }
        guard retainedCount >= maxMessages || retainedBytes + size > maxBytes else { return }
        switch retention.discard {
        case .old:
            while retainedCount > 0, retainedCount >= maxMessages || retainedBytes + size > maxBytes { dropOldest() }
        case .new:
            counters.rejected += 1
            let limit = retainedCount >= maxMessages ? "max messages \(maxMessages)" : "max bytes \(maxBytes)"
            throw .retentionLimitReached(topic: topic, partition: index, limit: limit)
        }
    }

    private mutating func dropOldest() {
        let (index, segmentCount, bytes) = oldestRecord()
        retainedBytes -= Int64(bytes)
        logStartOffset += 1
        counters.dropped += 1
        wire.drop(below: logStartOffset)
        // A segment before the last is sealed, so its count is final; the active (last) one stays so
        // appends keep filling it.
        guard index + 1 == segmentCount, segments.count > 1 else { return }
        oldestSegment = Unmanaged.passUnretained(segments[1])
        var dropped = segments.removeFirst()
        // Reusable only when no RecordBatch still reads it.
        if spareSegment == nil, isKnownUniquelyReferenced(&dropped) { spareSegment = dropped }
    }

    /// Where the log start sits: always in the first segment, since emptied segments leave the front.
    /// (A separate function, so no reference to that segment outlives the call.)
    private func oldestRecord() -> (index: Int, segmentCount: Int, bytes: Int) {
        let logStart = logStartOffset
        return oldestSegment.map { oldest in
            oldest._withUnsafeGuaranteedRef { first in
                let index = Int(logStart - first.baseOffset)
                return (index, first.count, first.entry(at: index).storedBytes)
            }
        } ?? (0, 0, 0)
    }

    private func entry(at offset: Int64) -> IndexEntry {
        let segment = segments[segmentIndex(containing: offset)]
        return segment.entry(at: Int(offset - segment.baseOffset))
    }

    /// The segment holding a retained offset: usually the last one, else a binary search.
    private func segmentIndex(containing offset: Int64) -> Int {
        let last = segments.count - 1
        if segments[last].baseOffset <= offset { return last }
        var low = 0
        var high = last
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].baseOffset <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Appends a segment that holds at least `records` records of `bytes` bytes, and makes it the active one.
    private mutating func startSegment(forRecords records: Int, bytes: Int) {
        let segment = makeSegment(forRecords: records, bytes: bytes)
        segments.append(segment)
        activeSegment = Unmanaged.passUnretained(segment)
        if segments.count == 1 { oldestSegment = activeSegment }
    }

    private mutating func makeSegment(forRecords records: Int, bytes: Int) -> Segment {
        if let last = segments.last, last.count > 0 {
            bytesPerRecordEstimate = Swift.max(16, (last.bytesUsed + last.count - 1) / last.count)
        }
        // Room for several batches of this size, so the space a batch too large for the rest of a segment
        // leaves unused there stays a small share.
        let wantedEntries = Swift.max(nextSegmentEntries, records * Self.batchesPerSegment)
        let entries = Swift.max(records, Swift.min(wantedEntries, Self.largestArenaBytes / bytesPerRecordEstimate))
        nextSegmentEntries = min(Self.largestSegmentEntries, nextSegmentEntries * 4)
        // A little headroom so the index, not the arena, usually fills first and the arena is used fully.
        let estimate = entries * bytesPerRecordEstimate
        let wanted = Swift.max(estimate + estimate / 32, bytes)
        let arenaBytes = (wanted + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        if let spare = spareSegment {
            // A spare that no longer fits (records grew) is let go, so a fitting one can take its place.
            spareSegment = nil
            if spare.entryCapacity >= entries, spare.byteCapacity >= Swift.max(bytes, estimate) {
                spare.recycle(baseOffset: logEndOffset)
                return spare
            }
        }
        return Segment(baseOffset: logEndOffset, entryCapacity: entries, byteCapacity: arenaBytes)
    }
}
