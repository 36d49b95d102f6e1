import Broker
import Glibc

/// Stream workloads: one topic, 100-byte values, batches of 100.
extension BenchWorkload {
    private static let valueBytes = 100
    private static let batchSize = 100

    private static func makeBatch() -> [ProducerRecord] {
        let value = [UInt8](repeating: 0x5a, count: valueBytes)
        return Array(repeating: ProducerRecord(value: value), count: batchSize)
    }

    /// Appends `records` records in batches to a fresh one-partition topic (everything retained).
    private static func appendAll(_ records: Int) -> (topic: Topic, broker: Broker, appended: Int, timing: Timing)? {
        let broker = Broker(clock: MonotonicClock())
        guard let topic = try? broker.createTopic("bench", partitions: 1) else { return nil }
        let batch = makeBatch()
        var appended = 0
        let timing = measure {
            for _ in 0..<(records / batchSize) { appended += topic.produce(contentsOf: batch).appended }
        }
        return (topic, broker, appended, timing)
    }

    /// One producer appending to one partition, every record retained.
    static let streamAppend = BenchWorkload(name: "stream-append") {
        guard let run = appendAll(10_000_000) else { return .nothing }
        return BenchResult(ops: run.appended, timing: run.timing,
                           extra: [("batch", Double(batchSize)), ("value_bytes", Double(valueBytes))])
    }

    /// Produce a batch, poll it, read every value, commit: records through the whole path. The topic keeps
    /// the latest million records (retention), so the log reuses its memory as a long-running broker would.
    static let streamEndToEnd = BenchWorkload(name: "stream-e2e") {
        let records = 10_000_000
        let retained = 1_000_000
        let broker = Broker(clock: MonotonicClock())
        guard let topic = try? broker.createTopic("bench", partitions: 1, retention: Retention(maxMessages: retained)),
              let group = try? broker.createGroup("bench", topic: "bench") else { return .nothing }
        group.join(member: "consumer")
        let batch = makeBatch()
        var polled = RecordBatch()
        var consumed = 0
        var checksum = 0
        let timing = measure {
            for _ in 0..<(records / batchSize) {
                _ = topic.produce(contentsOf: batch)
                try? group.poll(member: "consumer", max: batchSize, into: &polled)
                for record in polled { checksum &+= record.withUnsafeValue { Int($0[$0.count - 1]) } }
                consumed += polled.count
                try? group.commit(polled)
            }
        }
        let lag = group.totalLag
        return BenchResult(ops: consumed, timing: timing, extra: [
            ("batch", Double(batchSize)), ("retained", Double(retained)), ("final_lag", Double(lag)),
            ("checksum", Double(checksum & 0xffff)),
        ])
    }

    /// Retains 10 M records of 100 bytes and reports what each costs: resident memory and exact segment bytes.
    static let streamMemory = BenchWorkload(name: "stream-memory") {
        let residentBefore = residentBytes()
        guard let run = appendAll(10_000_000) else { return .nothing }
        let perRecord = Double(max(run.appended, 1))
        let resident = Double(residentBytes() - residentBefore) / perRecord
        let allocated = Double(run.topic.allocatedBytes) / perRecord
        return withExtendedLifetime(run.broker) {
            BenchResult(ops: run.appended, timing: run.timing, extra: [
                ("value_bytes", Double(valueBytes)),
                ("bytes_per_record", resident), ("overhead_bytes_per_record", resident - Double(valueBytes)),
                ("allocated_bytes_per_record", allocated),
                ("allocated_overhead_bytes_per_record", allocated - Double(valueBytes)),
            ])
        }
    }
}
