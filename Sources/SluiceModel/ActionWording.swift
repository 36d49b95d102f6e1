/// An action whose confirmation a backend words itself, because it does something else on each engine:
/// `-` removes a simulated instance but deletes a Redis consumer; `u` skips a record but dead-letters a
/// Redis entry.
public enum ConfirmedAction: String, Sendable, Hashable, CaseIterable {
    case removeInstance, skipStuck, claim

    /// The words of the simulation, which every backend has unless it says otherwise.
    public var simulationWording: ActionWording {
        switch self {
        case .removeInstance: ActionWording(verb: "Remove one instance of", consequence: "Its partitions move to the others.")
        case .skipStuck: ActionWording(verb: "Skip", consequence: "The group commits past it unprocessed.")
        case .claim: ActionWording(verb: "Claim", consequence: "They are delivered to that consumer again.")
        }
    }
}

/// How a confirmation reads: `<verb> <what>? <consequence>`, the verb and the consequence in the engine's terms.
public struct ActionWording: Sendable, Equatable {
    /// Opens the question: "Remove one instance of", "Dead-letter".
    public var verb: String
    /// Follows the question: what happens, and how the engine does it.
    public var consequence: String
    public init(verb: String, consequence: String) { self.verb = verb; self.consequence = consequence }
}
