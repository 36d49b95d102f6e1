/// The event log and connection state of a backend attached to a live engine: bounded, and noting the
/// moment a problem starts and the moment it clears rather than every poll in between.
public struct AttachEventLog: Sendable {
    /// Events kept for the log panel.
    public static let limit = 200

    public private(set) var events: [EventLogEntry] = []
    /// Set while the engine cannot be reached; what `SystemSnapshot.connectionProblem` shows.
    public private(set) var connectionProblem: String?

    public init() {}

    public mutating func log(at now: Nanos, _ kind: EventLogEntry.Kind, _ text: String) {
        append(EventLogEntry(at: now, kind: kind, text: text))
    }

    public mutating func append(_ entry: EventLogEntry) {
        events.append(entry)
        if events.count > Self.limit { events.removeFirst(events.count - Self.limit) }
    }

    /// Records the latest poll's problem (nil: it worked); `reconnected` is what the log says when one clears.
    public mutating func report(problem: String?, at now: Nanos, reconnected: @autoclosure () -> String) {
        if let problem, connectionProblem == nil {
            log(at: now, .warning, problem)
        } else if problem == nil, connectionProblem != nil {
            log(at: now, .info, reconnected())
        }
        connectionProblem = problem
    }
}
