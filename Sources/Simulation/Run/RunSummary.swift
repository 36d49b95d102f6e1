public import SluiceModel

/// A simulated run's summary as one typed value: the totals and each section's named entries, every value
/// set through `SummaryKey`'s typed keys. `sluice run --format json` writes it, the summary table shows it,
/// and `[expect]` and lesson triggers read it by `SummaryPath`.
public struct RunSummary: Sendable, Equatable {
    public var totals = SummaryFields<SummaryKey.Total>()
    public var queues: [SummaryEntry<SummaryKey.Queue>] = []
    public var groups: [SummaryEntry<SummaryKey.Group>] = []
    public var patterns: [SummaryEntry<SummaryKey.Pattern>] = []
    public var downstreams: [SummaryEntry<SummaryKey.Downstream>] = []
    public var connectors: [SummaryEntry<SummaryKey.Connector>] = []
    public var readModels: [SummaryEntry<SummaryKey.ReadModel>] = []

    public init() {}

    /// The value at `path`; nil where the summary has no such entry or the entry no such key.
    public func value(at path: SummaryPath) -> SummaryValue? {
        switch path {
        case .total(let key): totals[key]
        case .queue(let name, let key): queues[entry: name]?[key]
        case .group(let name, let key): groups[entry: name]?[key]
        case .pattern(let name, let key): patterns[entry: name]?[key]
        case .downstream(let name, let key): downstreams[entry: name]?[key]
        case .connector(let name, let key): connectors[entry: name]?[key]
        case .readModel(let name, let key): readModels[entry: name]?[key]
        }
    }

    /// The number at `path`, as `[expect]` compares it.
    public func number(at path: SummaryPath) -> Double? { value(at: path)?.number }

    /// The JSON object of `--format json`: the totals, `queues` and `groups` always, the other sections
    /// when they have entries.
    public var json: JSONValue {
        guard case .object(var members) = totals.json else { return .null }
        members.append((SummaryKey.Section.queues.rawValue, queues.json()))
        members.append((SummaryKey.Section.groups.rawValue, groups.json()))
        let optional: [(SummaryKey.Section, Bool, JSONValue)] = [
            (.patterns, patterns.isEmpty, patterns.json()), (.downstreams, downstreams.isEmpty, downstreams.json()),
            (.connectors, connectors.isEmpty, connectors.json()), (.readModels, readModels.isEmpty, readModels.json()),
        ]
        for (section, isEmpty, json) in optional where !isEmpty { members.append((section.rawValue, json)) }
        return .object(members)
    }

    /// The JSON text, compact or indented.
    public func text(pretty: Bool = false) -> String { json.text(pretty: pretty) }

    /// Two summaries are equal when they write the same JSON (so a number that is not finite, written
    /// `null`, equals itself).
    public static func == (lhs: RunSummary, rhs: RunSummary) -> Bool { lhs.text() == rhs.text() }
}
