/// One value of a run's summary, as `--format json` writes it.
public enum SummaryValue: Sendable {
    case int(Int64)
    /// Unsigned, for values such as seeds that may pass Int64.max.
    case uint(UInt64)
    case number(Double)
    case text(String)
    case flag(Bool)
    /// Written as `null`: a number that has no value yet (no message settled, the lag never drained).
    case null

    /// A number, or null when there is none.
    static func number(orNull value: Double?) -> SummaryValue { value.map { .number($0) } ?? .null }

    /// The number `[expect]` and lesson triggers compare (a flag is 1 or 0); nil for text and null.
    public var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .uint(let value): Double(value)
        case .number(let value): value
        case .flag(let flag): flag ? 1 : 0
        case .text, .null: nil
        }
    }

    var json: JSONValue {
        switch self {
        case .int(let value): .int(value)
        case .uint(let value): .uint(value)
        case .number(let value): .number(value)
        case .text(let text): .string(text)
        case .flag(let flag): .bool(flag)
        case .null: .null
        }
    }
}
