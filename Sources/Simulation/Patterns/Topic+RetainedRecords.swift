import Broker

extension Topic {
    /// Every record still in the log, partition by partition in offset order, starting in each partition
    /// at `start(partition)` (default: the log start).
    func forEachRetainedRecord(from start: ((Int) throws(BrokerError) -> Int64)? = nil,
                               _ body: (StoredRecord) -> Void) throws(BrokerError) {
        for partition in 0..<partitionCount {
            var offset: Int64
            if let start { offset = try start(partition) } else { offset = try logStartOffset(partition: partition) }
            // From at most the log end, a read of a partition in range is not refused: a refusal is the
            // model's mistake, thrown to the caller's broker call (an invariant failure), never a short read.
            while true {
                let batch = try read(partition: partition, from: offset, max: 10_000)
                guard let last = batch.last else { break }
                for record in batch { body(record) }
                offset = last.offset + 1
            }
        }
    }
}
