public import SluiceModel

extension ArrivalPattern {
    /// The time of the next arrival after `now` at a mean rate of `rate` per second; nil when the rate is zero.
    ///
    /// Poisson and bursty draws are memoryless, so a caller may discard a pending arrival and draw again
    /// when the rate changes without biasing the process.
    public func nextArrival(after now: Nanos, rate: Double, using generator: inout SeededGenerator) -> Nanos? {
        guard rate > 0, rate.isFinite else { return nil }
        let meanGap = Double(NanosPerUnit.second) / rate
        switch self {
        case .poisson:
            return now + max(1, Nanos(saturating: generator.exponential(mean: meanGap)))
        case .constant:
            return now + max(1, Nanos(saturating: meanGap))
        case .bursty(let on, let off):
            // On/off cycles are aligned to time zero; the peak rate keeps the long-run mean at `rate`.
            let period = min(on, .farFuture) + min(off, .farFuture)
            let peakGap = meanGap * Double(on) / Double(period)
            var time = now
            while true {
                let phase = time % period
                if phase >= on {
                    time += period - phase
                    continue
                }
                let gap = max(1, Nanos(saturating: generator.exponential(mean: peakGap)))
                if gap < on - phase { return time + gap }
                time += period - phase
            }
        }
    }
}
