public import SluiceModel

/// How to run a scenario: overrides and what to keep.
public struct SimulationOptions: Sendable {
    /// Replaces the scenario's seed (`--seed`).
    public var seed: UInt64?
    /// Replaces the scenario's duration (`--duration`).
    public var duration: Nanos?
    /// Keep every event-log entry (determinism checks); otherwise only the latest `eventLogCapacity`.
    public var keepFullEventLog: Bool
    public var eventLogCapacity: Int
    /// Seconds of per-second history kept for the dashboard's charts.
    public var historySeconds: Int
    /// The most messages and records the broker may hold before the run stops (tests lower it).
    public var mostHeld: Int64 = ScenarioLimits.mostHeld

    public init(seed: UInt64? = nil, duration: Nanos? = nil, keepFullEventLog: Bool = false,
                eventLogCapacity: Int = 500, historySeconds: Int = 300) {
        self.seed = seed; self.duration = duration; self.keepFullEventLog = keepFullEventLog
        self.eventLogCapacity = eventLogCapacity; self.historySeconds = historySeconds
    }
}

/// The first event that broke one of the run's invariants; the run stops there.
public struct InvariantViolation: Sendable, Equatable, CustomStringConvertible {
    public var at: Nanos
    /// The engine event number (1-based) that broke it.
    public var event: Int64
    public var invariant: String
    public var detail: String

    public var description: String {
        "invariant \"\(invariant)\" broken at t=\(DurationText.format(at)) (event \(event)): \(detail)"
    }
}
