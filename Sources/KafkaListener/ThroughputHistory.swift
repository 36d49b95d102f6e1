import SluiceModel

/// Produced and consumed records per second of a live broker, one sample per wall second, the last two minutes.
struct ThroughputHistory {
    static let capacity = 120
    private var produced: [Double] = []
    private var consumed: [Double] = []
    private var lastSecond: Int64?

    /// Takes the current rates; a sample is kept once per second crossed.
    mutating func observe(at now: Nanos, produced producedNow: Double, consumed consumedNow: Double) -> ThroughputSnapshot {
        let second = now / NanosPerUnit.second
        if lastSecond.map({ second > $0 }) ?? true {
            lastSecond = second
            produced = Array((produced + [producedNow]).suffix(Self.capacity))
            consumed = Array((consumed + [consumedNow]).suffix(Self.capacity))
        }
        return ThroughputSnapshot(producedPerSecond: producedNow, consumedPerSecond: consumedNow,
                                  produced: Series(produced), consumed: Series(consumed))
    }
}
