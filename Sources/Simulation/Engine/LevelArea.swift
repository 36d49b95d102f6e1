public import SluiceModel

/// The exact area under an integer level over time (message-nanoseconds), for identities such as
/// Little's law that should hold to the last nanosecond.
public struct LevelArea: Sendable {
    private var level: Int64 = 0
    private var lastChange: Nanos = 0
    public private(set) var area: Int64 = 0

    public init() {}

    @inline(__always)
    public mutating func set(_ newLevel: Int64, at time: Nanos) {
        if time > lastChange {
            area += level * (time - lastChange)
            lastChange = time
        }
        level = newLevel
    }

    /// Starts counting from zero at `time`.
    public mutating func restart(at time: Nanos) {
        set(level, at: time)
        area = 0
    }

    /// The area up to `time`.
    public func area(until time: Nanos) -> Int64 {
        area + (time > lastChange ? level * (time - lastChange) : 0)
    }
}
