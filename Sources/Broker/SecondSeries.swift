import DequeModule
import SluiceModel

/// One sample per whole second of clock time, the most recent `capacity` kept.
///
/// A value observed at time t stands for every second boundary crossed since the previous observation,
/// so observing before each change gives exact samples.
struct SecondSeries {
    static let capacity = 120

    private var samples: Deque<Double> = []
    private var lastSecond: Int64?

    /// Records `value()` for the seconds crossed since the last call; `value` runs only when one was crossed.
    mutating func observe(at now: Nanos, _ value: () -> Double) {
        let second = now / NanosPerUnit.second
        guard let last = lastSecond else {
            lastSecond = second
            return
        }
        guard second > last else { return }
        let sample = value()
        for _ in 0..<min(second - last, Int64(Self.capacity)) {
            if samples.count == Self.capacity { samples.removeFirst() }
            samples.append(sample)
        }
        lastSecond = second
    }

    var series: Series { Series(Array(samples)) }
}
