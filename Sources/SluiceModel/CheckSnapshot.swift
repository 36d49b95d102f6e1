/// One expectation of a lesson or scenario as the run stands now: what it asks, what the run gives.
public struct CheckSnapshot: Sendable, Equatable {
    /// The expectation as written: `lost == 0`, `wq == 0.067 ± 0.02`, `lost == uncommitted_at_crash`.
    public var text: String
    /// What the run gives now; nil when the summary has no such number.
    public var actual: Double?
    /// The other key's value, when the expectation compares two keys.
    public var referenceValue: Double?
    public var holds: Bool
    public init(text: String, actual: Double?, referenceValue: Double? = nil, holds: Bool) {
        self.text = text; self.actual = actual; self.referenceValue = referenceValue; self.holds = holds
    }
}
