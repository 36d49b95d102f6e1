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
}
