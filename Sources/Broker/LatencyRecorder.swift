import Histogram
import SluiceModel

/// Enqueue-to-ack latencies in an HDR histogram (three significant digits, up to one day).
struct LatencyRecorder {
    private static let highest = UInt64(24 * 3600) * UInt64(NanosPerUnit.second)
    private var histogram = Histogram<UInt64>(highestTrackableValue: LatencyRecorder.highest)

    mutating func record(_ latency: Nanos) {
        histogram.record(UInt64(min(max(latency, 0), Int64(Self.highest))))
    }

    var percentiles: LatencyPercentiles {
        guard histogram.totalCount > 0 else { return LatencyPercentiles() }
        func at(_ percentile: Double) -> Nanos { Nanos(histogram.valueAtPercentile(percentile)) }
        return LatencyPercentiles(p50: at(50), p90: at(90), p99: at(99), max: Nanos(histogram.max))
    }
}
