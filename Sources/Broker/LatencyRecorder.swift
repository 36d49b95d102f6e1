import Histogram
import SluiceModel

/// Enqueue-to-ack latencies in an HDR histogram (two significant digits, up to one day).
struct LatencyRecorder {
    private static let highest = UInt64(24 * 3600) * UInt64(NanosPerUnit.second)
    private var histogram = Histogram<UInt64>(highestTrackableValue: LatencyRecorder.highest,
                                              numberOfSignificantValueDigits: .two)
    /// Percentiles scan the whole histogram, so they are kept until a new value arrives.
    private var cached: (count: UInt64, percentiles: LatencyPercentiles) = (0, LatencyPercentiles())

    mutating func record(_ latency: Nanos) {
        histogram.record(UInt64(min(max(latency, 0), Int64(Self.highest))))
    }

    mutating func percentiles() -> LatencyPercentiles {
        guard histogram.totalCount != cached.count else { return cached.percentiles }
        func at(_ percentile: Double) -> Nanos { Nanos(histogram.valueAtPercentile(percentile)) }
        cached = (histogram.totalCount, LatencyPercentiles(p50: at(50), p90: at(90), p99: at(99), max: Nanos(histogram.max)))
        return cached.percentiles
    }
}
