import SluiceModel
import Synchronization

/// One partition of a topic: its log behind its own lock, and its log end readable without it.
final class Partition: Sendable {
    let index: Int
    let log: Mutex<PartitionLog>
    private let publishedLogEnd = Atomic<Int64>(0)

    init(topic: String, index: Int, retention: Retention, now: Nanos) {
        self.index = index
        log = Mutex(PartitionLog(topic: topic, index: index, retention: retention, now: now))
    }

    /// The log end offset as of the latest append, without taking the lock (for lag).
    var logEndOffset: Int64 { publishedLogEnd.load(ordering: .acquiring) }

    /// Runs `body` on the log under the lock, then publishes the log end it left.
    func withLog<Result, Failure: Error>(
        _ body: (inout PartitionLog) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try log.withLock { (log) throws(Failure) -> Result in
            defer { publishedLogEnd.store(log.logEndOffset, ordering: .releasing) }
            return try body(&log)
        }
    }
}
