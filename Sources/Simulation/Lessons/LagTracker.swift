import SluiceModel

/// Follows one group's total lag, sampled once per simulated second: when it peaked and how long it took
/// to drain from that peak (to 1% of it or less).
struct LagTracker {
    private(set) var peak: Int64 = 0
    private(set) var peakTime: Nanos?
    /// Seconds from the peak to the first sample at or below 1% of it; nil while not drained.
    private(set) var drainTime: Double?

    mutating func sample(_ lag: Int64, at now: Nanos) {
        if lag > peak {
            peak = lag
            peakTime = now
            drainTime = nil
        } else if drainTime == nil, let peakTime, peak > 0, lag * 100 <= peak {
            drainTime = Double(now - peakTime) / 1e9
        }
    }
}
