/// Where a live engine's numbers come from: for an explanation key, the engine's own figures and the
/// arithmetic that turns them into what the screen shows. `e` prints it under the general explanation,
/// so a number on an attached cluster is traced to what the cluster reported. A simulation has none:
/// its numbers are its own, and `Explanations` says how they are computed.
public struct FigureOrigins: Sendable, Equatable {
    /// Who reported the figures, as a heading says it: `the Kafka cluster`.
    public var reporter: String
    /// The window rates are measured over: `between the last two polls`.
    public var rateWindow: String
    /// By explanation key (as `Explanations.all` spells it).
    public var byKey: [String: String]

    public init(reporter: String, rateWindow: String, byKey: [String: String]) {
        self.reporter = reporter; self.rateWindow = rateWindow; self.byKey = byKey
    }

    /// The origin of the number `key` names (aliases read as `Explanations.explain` reads them), or nil.
    public func origin(of key: String) -> String? {
        byKey[key] ?? Explanations.explain(key).flatMap { byKey[$0.key] }
    }
}
