import SluiceModel

/// What lessons measure of one stream consumer (its group): waits, the lag curve, what a crash left
/// behind, and which partitions stopped moving.
struct GroupMeasures {
    /// Append to the start of the first processing attempt, seconds (after the warm-up).
    var waits = RunningMean()
    var lag = LagTracker()
    /// Records processed but not yet committed when an instance crashed: they will be delivered again.
    var uncommittedAtCrash: Int64 = 0
    /// Records committed but never processed when an instance crashed: they are lost.
    var unprocessedAtCrash: Int64 = 0
    /// Per partition: lost records already reported at an earlier crash.
    var lostReported: [Int64]
    /// Per partition: the committed offset at the last second, and when it last moved.
    var lastCommitted: [Int64]
    var lastMoved: [Nanos]

    /// A partition with lag whose committed offset has not moved for this long is stalled.
    static let stallAfter: Nanos = 10 * NanosPerUnit.second

    init(partitions: Int) {
        lostReported = Array(repeating: 0, count: partitions)
        lastCommitted = Array(repeating: 0, count: partitions)
        lastMoved = Array(repeating: 0, count: partitions)
    }

    /// Notes each partition's committed offset once a second.
    mutating func observeCommitted(_ committed: [Int64], at now: Nanos) {
        for partition in committed.indices where committed[partition] != lastCommitted[partition] {
            lastCommitted[partition] = committed[partition]
            lastMoved[partition] = now
        }
    }

    /// Partitions with lag whose committed offset has not moved for `stallAfter`.
    func stalledPartitions(lags: [Int64], at now: Nanos) -> Int {
        lags.indices.filter { lags[$0] > 0 && now - lastMoved[$0] >= Self.stallAfter }.count
    }
}

/// What lessons measure of a queue's consumer: per-key effect order, and redeliveries per second.
///
/// A message whose side effect runs after a later-enqueued message of the same key is an order
/// violation (queues promise no order).
struct QueueMeasures {
    private var latest: [[UInt8]: Int64] = [:]
    private(set) var violations: Int64 = 0
    /// Deliveries of messages delivered before (retries), per simulated second.
    var redeliveries = PerSecondPeak()

    mutating func noteEffect(key: [UInt8]?, sequence: Int64) {
        guard let key else { return }
        if let last = latest[key], sequence < last {
            violations += 1
        } else {
            latest[key] = sequence
        }
    }
}

/// Counts events per simulated second (numbered from 0) and keeps the busiest second.
struct PerSecondPeak {
    private(set) var total: Int64 = 0
    private var second: Int64 = -1
    private var inSecond: Int64 = 0
    private(set) var peak: Int64 = 0
    private(set) var peakSecond: Int64 = 0

    mutating func note(at now: Nanos, count: Int64 = 1) {
        total += count
        let current = now / NanosPerUnit.second
        if current != second {
            second = current
            inSecond = 0
        }
        inSecond += count
        if inSecond > peak {
            peak = inSecond
            peakSecond = current
        }
    }
}

/// What lessons measure of one downstream: calls per second and their peak, the breaker's transitions,
/// and calls that got through while it was open (there must be none).
struct DownstreamMeasures {
    var calls = PerSecondPeak()
    var opened: Int64 = 0
    var halfOpened: Int64 = 0
    var closed: Int64 = 0
    var callsWhileOpen: Int64 = 0

    mutating func noteTransition(to state: BreakerSnapshot.State) {
        switch state {
        case .open: opened += 1
        case .halfOpen: halfOpened += 1
        case .closed: closed += 1
        }
    }
}
