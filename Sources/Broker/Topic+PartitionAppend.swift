public import SluiceModel

extension Topic {
    /// Appends `records` to one partition in a single hold of its lock, so they take consecutive offsets;
    /// returns the first offset (the log end, unchanged, when `records` is empty).
    ///
    /// Every record is checked before any is stored, so a refused batch leaves nothing behind.
    /// This is how a Kafka produce lands: one batch, one base offset.
    public func append(_ records: [ProducerRecord], toPartition partition: Int) throws(BrokerError) -> Int64 {
        try records.withUnsafeBufferPointer { (buffer) throws(BrokerError) -> Int64 in
            try appendBatch(buffer, byClient: false, toPartition: partition) { (log, now) throws(BrokerError) in
                try log.append(buffer, now: now)
            }
        }
    }

    /// The same for a Kafka client's records, borrowed from the bytes they came in. With `wire` (the batch's own
    /// bytes) the log also keeps the batch whole, and a fetch hands it out as it came, for the offsets the
    /// records take.
    public func append(_ records: UnsafeBufferPointer<BorrowedRecord>, wire: UnsafeRawBufferPointer?,
                       toPartition partition: Int) throws(BrokerError) -> Int64 {
        try appendBatch(records, byClient: true, toPartition: partition) { (log, now) throws(BrokerError) in
            guard let wire else { return try log.append(records, now: now) }
            return try log.append(records, keeping: wire, now: now)
        }
    }

    /// A Kafka client's batch stored once: `wire` (the batch's own bytes) is copied in whole and `records`,
    /// which lie in it, are indexed in that copy; a fetch hands it out as it came.
    public func append(_ records: UnsafeBufferPointer<PlacedRecord>, keeping wire: UnsafeRawBufferPointer,
                       toPartition partition: Int) throws(BrokerError) -> Int64 {
        let check = { () throws(BrokerError) in
            for record in records {
                precondition(record.end <= wire.count, "a placed record outside its batch")
                try record.check()
            }
        }
        return try appendBatch(count: records.count, byClient: true, toPartition: partition, check: check) {
            (log, now) throws(BrokerError) in try log.append(records, keeping: wire, now: now)
        }
    }

    /// The records appended by anyone but Kafka clients (the broker's own producers: a simulation's), each
    /// partition's count read under its lock, so a client appending meanwhile cannot make it disagree.
    public var producedExceptByClients: Int64 {
        partitions.reduce(0) { total, partition in
            total + partition.withLog { $0.counters.produced - $0.producedByClients }
        }
    }

    /// The kept wire batches of one partition from the one holding `offset`, consecutive, up to `maxBytes`
    /// (the first however large); empty when no kept batch holds `offset`.
    public func wireBatches(partition: Int, from offset: Int64, maxBytes: Int) throws(BrokerError) -> [WireBatch] {
        try checkPartition(partition)
        let now = clock.now()
        return partitions[partition].withLog { log in
            log.expireByAge(now: now)
            return offset < log.logStartOffset ? [] : log.wireRun(from: offset, maxBytes: maxBytes)
        }
    }

    /// Checks every record, then runs `store` under the partition's lock and counts what it appended.
    private func appendBatch<Record: AppendableRecord>(
        _ buffer: UnsafeBufferPointer<Record>, byClient: Bool, toPartition partition: Int,
        _ store: (inout PartitionLog, Nanos) throws(BrokerError) -> Int64
    ) throws(BrokerError) -> Int64 {
        try appendBatch(count: buffer.count, byClient: byClient, toPartition: partition, check: { () throws(BrokerError) in
            guard let first = buffer.baseAddress else { return }
            for index in 0..<buffer.count { _ = try RecordLayout(first + index) }
        }, store)
    }

    private func appendBatch(
        count: Int, byClient: Bool, toPartition partition: Int, check: () throws(BrokerError) -> Void,
        _ store: (inout PartitionLog, Nanos) throws(BrokerError) -> Int64
    ) throws(BrokerError) -> Int64 {
        try checkPartition(partition)
        let now = clock.now()
        defer { appendSignal?.appended() }
        guard count > 0 else { return logEndOffsetUnchecked(partition) }
        try check()
        return try partitions[partition].withLog { (log) throws(BrokerError) -> Int64 in
            let base = try store(&log, now)
            log.noteProduced(count, now: now, byClient: byClient)
            return base
        }
    }

    /// Bytes written into the partitions' arenas: how many copies of a batch the log made (for tests).
    var arenaBytesUsed: Int {
        partitions.reduce(0) { total, partition in total + partition.withLog { $0.segments.reduce(0) { $0 + $1.bytesUsed } } }
    }

    /// The offset `position` names in one partition, clamped to the retained range.
    public func offset(of position: SeekPosition, partition: Int) throws(BrokerError) -> Int64 {
        try checkPartition(partition)
        return try resolve(position, partition: partition, now: clock.now(), strict: false)
    }

    private func logEndOffsetUnchecked(_ partition: Int) -> Int64 { partitions[partition].logEndOffset }
}
