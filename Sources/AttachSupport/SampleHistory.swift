public import SluiceModel

/// Short histories of numbers by name (a group's lag, a queue's depth), one sample a poll, bounded,
/// forgetting names that stop being recorded.
public struct SampleHistory: Sendable {
    public let length: Int
    private var samples: [String: [Double]] = [:]

    public init(length: Int) { self.length = max(1, length) }

    /// Appends one sample to `name`'s history and returns the history.
    public mutating func record(_ sample: Double, for name: String) -> Series {
        var series = samples[name, default: []]
        series.append(sample)
        if series.count > length { series.removeFirst(series.count - length) }
        samples[name] = series
        return Series(series)
    }

    /// Drops every history whose name is not in `names`.
    public mutating func keep(only names: some Sequence<String>) {
        let kept = Set(names)
        samples = samples.filter { kept.contains($0.key) }
    }

    /// Growth per second of a monotonic count between two polls; 0 for the first poll, an unknown
    /// count, or one that went back (a purge, a reset).
    public static func rate(_ now: Int64?, _ before: Int64?, seconds: Double) -> Double {
        guard let now, let before, seconds > 0, now >= before else { return 0 }
        return Double(now - before) / seconds
    }
}

/// The header's produced and consumed rates with their histories, from per-poll totals.
public struct ThroughputHistory: Sendable {
    private var history: SampleHistory

    public init(length: Int) { history = SampleHistory(length: length) }

    public mutating func record(producedPerSecond: Double, consumedPerSecond: Double) -> ThroughputSnapshot {
        ThroughputSnapshot(producedPerSecond: producedPerSecond, consumedPerSecond: consumedPerSecond,
                           produced: history.record(producedPerSecond, for: "produced"),
                           consumed: history.record(consumedPerSecond, for: "consumed"))
    }
}

/// A live backend's run clock: wall time added up, and whether a poll is due.
public struct PollClock: Sendable {
    public let interval: Nanos
    public private(set) var now: Nanos = 0
    private var sinceLastPoll: Nanos = 0

    public init(interval: Nanos) { self.interval = interval }

    /// Moves the clock on; true once a poll interval has passed since the last poll (which it then restarts).
    public mutating func advance(wallNanos: Nanos) -> Bool {
        now += max(0, wallNanos)
        sinceLastPoll += max(0, wallNanos)
        guard sinceLastPoll >= interval else { return false }
        sinceLastPoll = 0
        return true
    }
}
