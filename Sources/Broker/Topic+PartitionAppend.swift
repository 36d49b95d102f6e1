public import SluiceModel

extension Topic {
    /// Appends `records` to one partition in a single hold of its lock, so they take consecutive offsets;
    /// returns the first offset (the log end, unchanged, when `records` is empty).
    ///
    /// Every record is checked before any is stored, so a refused batch leaves nothing behind.
    /// This is how a Kafka produce lands: one batch, one base offset.
    public func append(_ records: [ProducerRecord], toPartition partition: Int) throws(BrokerError) -> Int64 {
        try checkPartition(partition)
        let now = clock.now()
        defer { appendSignal?.appended() }
        return try records.withUnsafeBufferPointer { (buffer) throws(BrokerError) -> Int64 in
            guard let first = buffer.baseAddress else { return logEndOffsetUnchecked(partition) }
            for index in 0..<buffer.count { _ = try RecordLayout(first + index) }
            return try partitions[partition].withLog { (log) throws(BrokerError) -> Int64 in
                let base = log.logEndOffset
                for index in 0..<buffer.count { _ = try log.append(first + index, now: now) }
                log.noteProduced(buffer.count, now: now)
                return base
            }
        }
    }

    /// The offset `position` names in one partition, clamped to the retained range.
    public func offset(of position: SeekPosition, partition: Int) throws(BrokerError) -> Int64 {
        try checkPartition(partition)
        return try resolve(position, partition: partition, now: clock.now(), strict: false)
    }

    private func logEndOffsetUnchecked(_ partition: Int) -> Int64 { partitions[partition].logEndOffset }
}
