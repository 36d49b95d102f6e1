import SluiceModel

/// The run summary's keys as one scenario has them: `SummaryKey`'s catalogue (the only list) with the
/// scenario's queue, group, pattern and downstream names filled in.
public enum SummaryKeys {
    /// Top-level totals of the contract, in output order.
    public static let totals = SummaryKey.names(.totals, .contract)
    /// Contract keys of each entry of `queues`, `groups` and `patterns`, in output order.
    public static let queue = SummaryKey.names(.queues, .contract)
    public static let group = SummaryKey.names(.groups, .contract)
    public static let pattern = SummaryKey.names(.patterns, .contract)

    /// The path `dotted` names in this scenario's summary: a total, or `SECTION.NAME.KEY` for one of the
    /// scenario's entries of that section; nil when the summary has no such key (or only writes it, like the digest).
    static func path(_ dotted: String, in scenario: Scenario) -> SummaryPath? {
        guard let path = SummaryPath(dotted), path.key.kind != .identity else { return nil }
        if let entry = path.entry, !entryNames(path.key.section, in: scenario).contains(entry) { return nil }
        return path
    }

    /// The names of a section's entries in this scenario's summary.
    static func entryNames(_ section: SummaryKey.Section, in scenario: Scenario) -> [String] {
        switch section {
        case .totals: []
        case .queues: scenario.queues.map(\.name) + scenario.queues.compactMap(\.deadLetter)
        case .groups: scenario.consumers.compactMap { consumer in consumer.group.map { "\(consumer.source)/\($0)" } }
        case .patterns: scenario.patterns.map(\.name)
        case .downstreams: scenario.downstreams.map(\.name)
        case .connectors: scenario.patterns.filter { $0.kind == .cdc }.map(\.name)
        case .readModels: scenario.patterns.filter { $0.kind == .eventSourcing }.map(\.name)
        }
    }
}
