/// What a backend can do; an unavailable action carries the reason the dashboard shows.
public struct Capabilities: Sendable, Equatable {
    public var unavailable: [CommandKind: String]
    /// What the engine calls its own record ids, with an example (`entry id, like 1700000000000-0`), when it
    /// has ids besides offsets: a browse or a replay may then start at one (`SeekPosition.entryID`).
    public var entryID: String?
    public init(unavailable: [CommandKind: String] = [:], entryID: String? = nil) {
        self.unavailable = unavailable; self.entryID = entryID
    }
    public static let all = Capabilities()
    public func reasonUnavailable(_ kind: CommandKind) -> String? { unavailable[kind] }
    public func allows(_ kind: CommandKind) -> Bool { unavailable[kind] == nil }
}
