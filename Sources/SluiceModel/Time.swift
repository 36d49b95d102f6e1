/// A point in time as nanoseconds since the start of a run (simulated) or since boot (live).
public typealias Nanos = Int64

public enum NanosPerUnit {
    public static let second: Nanos = 1_000_000_000
    public static let millisecond: Nanos = 1_000_000
    public static let microsecond: Nanos = 1_000
}
