/// Where one number stands in a run's summary: a total, or a key of one named entry of a section. Read
/// once from the dotted text `[expect]` and lesson triggers write (`final_lag`, `queues.emails.final_depth`,
/// `groups.orders/billing.final_lag`); the summary is read by this value, never by the text.
public enum SummaryPath: Sendable, Hashable, CustomStringConvertible {
    case total(SummaryKey.Total)
    case queue(String, SummaryKey.Queue)
    case group(String, SummaryKey.Group)
    case pattern(String, SummaryKey.Pattern)
    case downstream(String, SummaryKey.Downstream)
    case connector(String, SummaryKey.Connector)
    case readModel(String, SummaryKey.ReadModel)

    /// Reads `KEY` or `SECTION.NAME.KEY`. Keys hold no dot, so the key is what follows the last one and the
    /// entry's name (which may hold dots: `emails.dlq`) is everything between the section and the key.
    /// nil when the section or the key is not in the catalogue; whether the entry exists is the summary's to say.
    public init?(_ dotted: String) {
        guard let sectionEnd = dotted.firstIndex(of: "."), let keyStart = dotted.lastIndex(of: "."), sectionEnd < keyStart else {
            guard let total = SummaryKey.Total(rawValue: dotted) else { return nil }
            self = .total(total)
            return
        }
        let name = String(dotted[dotted.index(after: sectionEnd)..<keyStart])
        let key = String(dotted[dotted.index(after: keyStart)...])
        guard !name.isEmpty, let section = SummaryKey.Section(rawValue: String(dotted[..<sectionEnd])) else { return nil }
        func entry<Key: SummaryField>(_ make: (String, Key) -> SummaryPath) -> SummaryPath? { Key(rawValue: key).map { make(name, $0) } }
        let path: SummaryPath? = switch section {
        case .totals: nil
        case .queues: entry(SummaryPath.queue)
        case .groups: entry(SummaryPath.group)
        case .patterns: entry(SummaryPath.pattern)
        case .downstreams: entry(SummaryPath.downstream)
        case .connectors: entry(SummaryPath.connector)
        case .readModels: entry(SummaryPath.readModel)
        }
        guard let path else { return nil }
        self = path
    }

    /// The entry's name; nil for a total.
    public var entry: String? {
        switch self {
        case .total: nil
        case .queue(let name, _), .group(let name, _), .pattern(let name, _), .downstream(let name, _), .connector(let name, _),
             .readModel(let name, _): name
        }
    }

    /// The key as the catalogue describes it.
    public var key: SummaryKey {
        switch self {
        case .total(let key): key.key
        case .queue(_, let key): key.key
        case .group(_, let key): key.key
        case .pattern(_, let key): key.key
        case .downstream(_, let key): key.key
        case .connector(_, let key): key.key
        case .readModel(_, let key): key.key
        }
    }

    /// The dotted text, as a file writes it.
    public var description: String {
        guard let entry else { return key.name }
        return "\(key.section.rawValue).\(entry).\(key.name)"
    }
}
