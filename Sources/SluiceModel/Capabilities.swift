/// What a backend can do; an unavailable action carries the reason the dashboard shows.
public struct Capabilities: Sendable, Equatable {
    public var unavailable: [CommandKind: String]
    /// What the engine calls its own record ids, with an example (`entry id, like 1700000000000-0`), when it
    /// has ids besides offsets: a browse or a replay may then start at one (`SeekPosition.entryID`).
    public var entryID: String?
    /// How this backend words the confirmations of actions that mean something else on each engine; the
    /// dashboard's (the simulation's) words for the rest.
    public var wording: [ConfirmedAction: ActionWording]
    public init(unavailable: [CommandKind: String] = [:], entryID: String? = nil,
                wording: [ConfirmedAction: ActionWording] = [:]) {
        self.unavailable = unavailable; self.entryID = entryID; self.wording = wording
    }
    /// The backend's words for `action`, or the simulation's.
    public func words(for action: ConfirmedAction) -> ActionWording { wording[action] ?? action.simulationWording }
    public static let all = Capabilities()
    public func reasonUnavailable(_ kind: CommandKind) -> String? { unavailable[kind] }
    public func allows(_ kind: CommandKind) -> Bool { unavailable[kind] == nil }
}
