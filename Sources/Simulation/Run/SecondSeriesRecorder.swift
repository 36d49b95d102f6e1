/// Per-second counts of produced, consumed and failed work, kept for the dashboard's charts.
struct SecondSeriesRecorder {
    let capacity: Int
    private(set) var produced = Ring<Double>()
    private(set) var consumed = Ring<Double>()
    private(set) var retries = Ring<Double>()
    private var consumedThisSecond: Int64 = 0
    private var failedThisSecond: Int64 = 0
    private var producedAtLastSample: Int64 = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    mutating func noteProcessed() { consumedThisSecond += 1 }
    mutating func noteFailure() { failedThisSecond += 1 }

    /// Closes one simulated second, given the total produced so far.
    mutating func closeSecond(totalProduced: Int64) {
        append(Double(totalProduced - producedAtLastSample), to: &produced)
        append(Double(consumedThisSecond), to: &consumed)
        append(Double(failedThisSecond), to: &retries)
        producedAtLastSample = totalProduced
        consumedThisSecond = 0
        failedThisSecond = 0
    }

    private func append(_ value: Double, to ring: inout Ring<Double>) {
        if ring.count == capacity { _ = ring.popFirst() }
        ring.append(value)
    }
}
