public import SluiceModel

/// The largest (and smallest) values a scenario file may give, so that every accepted file runs without overflow.
public enum ScenarioLimits {
    /// The longest duration any key accepts: one simulated year.
    public static let longestDuration: Nanos = 365 * 86_400 * NanosPerUnit.second
    /// `longestDuration` as error messages write it.
    public static let longestDurationText = "365d"
    /// The fastest producer rate, messages per simulated second.
    public static let fastestRate = 1_000_000.0
    /// The slowest non-zero producer rate (about one message in 11.6 simulated days).
    public static let slowestRate = 0.000_001
    /// The most messages a consumer's instances may work on at once (instances × concurrency).
    public static let mostServiceSlots = 100_000
    /// The largest multiplier or slow-down factor.
    public static let largestFactor = 1000.0
    /// The most tables of one kind a file may hold (a queue costs tens of kilobytes before it holds anything).
    public static let mostTables: [(section: String, most: Int)] = [
        ("stream", 1000), ("queue", 1000), ("producer", 1000), ("consumer", 1000), ("downstream", 1000),
        ("pattern", 100), ("fault", 10_000), ("step", 1000),
    ]
    /// The longest payload template, in bytes.
    public static let largestPayload = 65_536
    /// The most partitions all streams together may have.
    public static let mostPartitions = 65_536
    /// The most consumer instances all consumers together may have (after scale faults).
    public static let mostInstances = 10_000
    /// The most messages a run may be asked to offer: every producer at its peak rate for the whole run.
    public static let mostOfferedMessages = 20_000_000.0
    /// The most messages and records the broker may hold at once (waiting, in flight, retained); a run
    /// that reaches it stops, rather than the machine running out of memory.
    public static let mostHeld: Int64 = 2_000_000
}
