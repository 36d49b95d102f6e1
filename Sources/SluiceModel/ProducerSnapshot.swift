/// A producer as the driver of the system sees it: what the dashboard names in a rate spike.
public struct ProducerSnapshot: Sendable, Equatable {
    public var name: String
    /// The topic or queue it publishes to.
    public var target: String
    /// Records per second it is producing now (configured rate times the multiplier).
    public var ratePerSecond: Double
    /// The multiplier last set with `Command.setRateMultiplier`; 1 when untouched.
    public var rateMultiplier: Double
    public init(name: String, target: String, ratePerSecond: Double = 0, rateMultiplier: Double = 1) {
        self.name = name; self.target = target; self.ratePerSecond = ratePerSecond; self.rateMultiplier = rateMultiplier
    }
}

/// A downstream service consumers call (an email provider, a payment API): what an outage toggles.
public struct DownstreamSnapshot: Sendable, Equatable {
    public var name: String
    public var up: Bool
    public init(name: String, up: Bool = true) { self.name = name; self.up = up }
}
