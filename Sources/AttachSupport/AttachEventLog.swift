public import SluiceModel

/// An attached backend's event log, bounded, and its connection problem: logged the moment it starts
/// and the moment it clears, not every poll in between.
public struct AttachEventLog: Sendable {
    public let limit: Int
    public private(set) var entries: [EventLogEntry] = []
    public private(set) var connectionProblem: String?

    public init(limit: Int = 200) { self.limit = max(1, limit) }

    public mutating func log(_ kind: EventLogEntry.Kind, _ text: String, at now: Nanos) {
        entries.append(EventLogEntry(at: now, kind: kind, text: text))
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    /// Sets the problem (nil: none); `recovered` is what the log says when one clears.
    public mutating func report(problem: String?, recovered: String, at now: Nanos) {
        if let problem, connectionProblem == nil {
            log(.warning, problem, at: now)
        } else if problem == nil, connectionProblem != nil {
            log(.info, recovered, at: now)
        }
        connectionProblem = problem
    }
}
