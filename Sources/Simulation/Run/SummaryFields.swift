public import SluiceModel

/// The values of one part of a run's summary (its totals, or one queue's entry), set by the section's typed
/// keys and written in the catalogue's order, whatever order they were set in.
public struct SummaryFields<Key: SummaryField>: Sendable {
    private var values: [Key: SummaryValue] = [:]

    public init() {}

    public subscript(key: Key) -> SummaryValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// The keys set, in output order.
    public var keys: [Key] { Key.allCases.filter { values[$0] != nil } }

    var json: JSONValue { .object(keys.map { ($0.rawValue, values[$0]?.json ?? .null) }) }
}

/// One named entry of a section: a queue, a group, a pattern...
public struct SummaryEntry<Key: SummaryField>: Sendable {
    public var name: String
    public var fields: SummaryFields<Key>

    public init(_ name: String, _ fields: SummaryFields<Key>) { self.name = name; self.fields = fields }
}

extension Array {
    /// The fields of the entry called `name`.
    public subscript<Key>(entry name: String) -> SummaryFields<Key>? where Element == SummaryEntry<Key> {
        first { $0.name == name }?.fields
    }

    func json<Key>() -> JSONValue where Element == SummaryEntry<Key> { .object(map { ($0.name, $0.fields.json) }) }
}
