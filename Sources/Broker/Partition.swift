import SluiceModel
import Synchronization

/// One partition of a topic: its log behind its own lock, and its log end readable without it.
final class Partition: DueSource {
    let index: Int
    let log: Mutex<PartitionLog>
    private let publishedLogEnd = Atomic<Int64>(0)
    let dueOrder: DueOrder
    /// Told when the oldest record's expiry (age retention) becomes earlier than last reported.
    private let schedule: DueSchedule

    init(topic: String, index: Int, retention: Retention, now: Nanos, topicIndex: Int, schedule: DueSchedule) {
        self.index = index
        log = Mutex(PartitionLog(topic: topic, index: index, retention: retention, now: now))
        dueOrder = DueOrder(kind: .partition, index: topicIndex, part: index)
        self.schedule = schedule
    }

    /// The log end offset as of the latest append, without taking the lock (for lag).
    var logEndOffset: Int64 { publishedLogEnd.load(ordering: .acquiring) }

    /// Runs `body` on the log under the lock, then publishes the log end it left, and an expiry that
    /// became earlier (the first record into an empty age-retained log) to the broker's schedule.
    func withLog<Result, Failure: Error>(
        _ body: (inout PartitionLog) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let (result, expiry) = try log.withLock { (log) throws(Failure) -> (Result, Nanos?) in
            defer { publishedLogEnd.store(log.logEndOffset, ordering: .releasing) }
            let result = try body(&log)
            return (result, log.expiryToReport())
        }
        if let expiry { schedule.report(self, at: expiry) }
        return result
    }

    func confirmNextDue() -> Nanos? { log.withLock { $0.confirmExpiry() } }

    func applyDue(now: Nanos) { withLog { $0.expireByAge(now: now) } }
}
