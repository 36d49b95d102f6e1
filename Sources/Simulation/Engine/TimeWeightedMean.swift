public import SluiceModel

/// The time average of a level (queue length, busy servers) over an observation window.
public struct TimeWeightedMean: Sendable {
    private var level: Double = 0
    private var lastChange: Nanos
    private var area: Double = 0
    private var windowStart: Nanos

    public init(start: Nanos = 0) {
        lastChange = start
        windowStart = start
    }

    /// Records that the level changed at `time`.
    @inline(__always)
    public mutating func set(_ newLevel: Double, at time: Nanos) {
        if time > lastChange {
            area += level * Double(time - lastChange)
            lastChange = time
        }
        level = newLevel
    }

    /// Forgets the area so far (the warm-up ends): the window restarts at `time`.
    public mutating func restartWindow(at time: Nanos) {
        set(level, at: time)
        area = 0
        windowStart = time
    }

    public var current: Double { level }

    /// The mean level from the window start to `time`.
    public func mean(until time: Nanos) -> Double {
        let span = time - windowStart
        guard span > 0 else { return level }
        let pending = time > lastChange ? level * Double(time - lastChange) : 0
        return (area + pending) / Double(span)
    }
}
