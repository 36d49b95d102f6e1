/// The mean of a stream of samples, kept without storing them.
public struct RunningMean: Sendable, Equatable {
    public private(set) var count: Int64 = 0
    public private(set) var sum: Double = 0

    public init() {}

    @inline(__always)
    public mutating func add(_ value: Double) {
        count += 1
        sum += value
    }

    public var mean: Double { count == 0 ? 0 : sum / Double(count) }
}
