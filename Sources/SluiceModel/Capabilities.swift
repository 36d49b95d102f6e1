/// What a backend can do: an action is available, partial (it does something less, said in words), or
/// unavailable (with the reason the dashboard shows).
public struct Capabilities: Sendable, Equatable {
    public var unavailable: [CommandKind: String]
    /// Actions that do less than their key promises, each with what it does instead (NATS's replay only browses).
    public var partial: [CommandKind: String]
    /// What the engine calls its own record ids, with an example (`entry id, like 1700000000000-0`), when it
    /// has ids besides offsets: a browse or a replay may then start at one (`SeekPosition.entryID`).
    public var entryID: String?
    /// How this backend words the confirmations of actions that mean something else on each engine; the
    /// dashboard's (the simulation's) words for the rest.
    public var wording: [ConfirmedAction: ActionWording]
    /// Where an action is otherwise on one target than on the rest (a RabbitMQ stream queue cannot be browsed, a
    /// Kafka group with members cannot be reset): by target, then by kind. Only the exceptions are listed.
    public var perTarget: [CapabilityTarget: [CommandKind: Availability]] = [:]
    public init(unavailable: [CommandKind: String] = [:], partial: [CommandKind: String] = [:], entryID: String? = nil,
                wording: [ConfirmedAction: ActionWording] = [:]) {
        self.unavailable = unavailable; self.partial = partial; self.entryID = entryID; self.wording = wording
    }
    /// The backend's words for `action`, or the simulation's.
    public func words(for action: ConfirmedAction) -> ActionWording { wording[action] ?? action.simulationWording }
    public static let all = Capabilities()
    public func reasonUnavailable(_ kind: CommandKind) -> String? { unavailable[kind] }
    /// What a partial action does instead of what its key promises; nil when it is whole or unavailable.
    public func partialReason(_ kind: CommandKind) -> String? { unavailable[kind] == nil ? partial[kind] : nil }
    /// Whether the action can be sent at all (a partial one can).
    public func allows(_ kind: CommandKind) -> Bool { unavailable[kind] == nil }

    public func availability(_ kind: CommandKind) -> Availability {
        if let reason = unavailable[kind] { return .unavailable(reason) }
        if let instead = partial[kind] { return .partial(instead) }
        return .available
    }

    /// The action on one target: unavailable everywhere, else as the target has it, else as everywhere.
    public func availability(_ kind: CommandKind, on target: CapabilityTarget?) -> Availability {
        let everywhere = availability(kind)
        if case .unavailable = everywhere { return everywhere }
        return target.flatMap { perTarget[$0]?[kind] } ?? everywhere
    }

    /// Says how `kind` goes on `target` alone.
    public mutating func set(_ kind: CommandKind, on target: CapabilityTarget, _ availability: Availability) {
        perTarget[target, default: [:]][kind] = availability
    }

    /// These capabilities with `kind` refused on each target that has a reason (nil: allowed there), as a live
    /// backend says after a poll what its engine refuses on which group, queue or stream. Unchanged when `kind` is
    /// off everywhere.
    public func refusing(_ kind: CommandKind, on targets: [(target: CapabilityTarget, reason: String?)]) -> Capabilities {
        guard allows(kind) else { return self }
        var capabilities = self
        for (target, reason) in targets {
            if let reason { capabilities.set(kind, on: target, .unavailable(reason)) }
        }
        return capabilities
    }

    /// Why `command` cannot be sent: its kind is unavailable, or it is on one of the targets it acts on.
    public func refusal(of command: Command) -> String? {
        if let reason = unavailable[command.kind] { return reason }
        for target in command.capabilityTargets {
            if case .unavailable(let reason) = availability(command.kind, on: target) { return reason }
        }
        return nil
    }

    /// What `command` does instead of what it promises, on the first of its targets where it is partial.
    public func partialNote(of command: Command) -> String? {
        guard refusal(of: command) == nil else { return nil }
        for target in command.capabilityTargets {
            if case .partial(let instead) = availability(command.kind, on: target) { return instead }
        }
        return partialReason(command.kind)
    }
}

/// Whether an action works, works in part (with what it does instead), or not at all (with why).
public enum Availability: Sendable, Equatable {
    case available
    case partial(String)
    case unavailable(String)
}

extension Dictionary where Key == CommandKind, Value == String {
    /// Every one of `kinds` unavailable for one reason (time control on a live engine, say).
    public mutating func refuseAll(_ kinds: [CommandKind], _ reason: String) { for kind in kinds { self[kind] = reason } }
}
