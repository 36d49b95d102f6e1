import SluiceModel

/// A JSON value whose objects keep their key order, so output is stable and readable.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Unsigned, for values such as seeds that may pass Int64.max.
    case uint(UInt64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text() == rhs.text() }

    /// Compact (one line) or indented text.
    public func text(pretty: Bool = false) -> String {
        var out = ""
        write(into: &out, pretty: pretty, depth: 0)
        return out
    }

    /// The value at a dotted path (`queues.emails.mean_wait_s`), for checks of written output (a run's
    /// summary is read by `SummaryPath`); object keys may contain dots or slashes, so the longest matching key wins.
    public func lookup(_ path: String) -> JSONValue? {
        guard case .object(let members) = self else { return path.isEmpty ? self : nil }
        if path.isEmpty { return self }
        for (key, value) in members.sorted(by: { $0.0.count > $1.0.count }) {
            if path == key { return value }
            if path.hasPrefix(key + ".") { return value.lookup(String(path.dropFirst(key.count + 1))) }
        }
        return nil
    }

    private func write(into out: inout String, pretty: Bool, depth: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let value): out += String(value)
        case .uint(let value): out += String(value)
        case .number(let value): out += value.isFinite ? JSONText.number(value) : "null"
        case .string(let text): JSONText.quote(text, into: &out)
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, into: &out, pretty: pretty, depth: depth) { index, out in
                items[index].write(into: &out, pretty: pretty, depth: depth + 1)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, into: &out, pretty: pretty, depth: depth) { index, out in
                JSONText.quote(members[index].0, into: &out)
                out += pretty ? ": " : ":"
                members[index].1.write(into: &out, pretty: pretty, depth: depth + 1)
            }
        }
    }

    private func writeContainer(open: String, close: String, count: Int, into out: inout String, pretty: Bool,
                                depth: Int, element: (Int, inout String) -> Void) {
        out += open
        guard count > 0 else { out += close; return }
        let indent = pretty ? "\n" + String(repeating: "  ", count: depth + 1) : ""
        for index in 0..<count {
            if index > 0 { out += "," }
            out += indent
            element(index, &out)
        }
        out += pretty ? "\n" + String(repeating: "  ", count: depth) + close : close
    }
}

/// JSON text helpers: escaping and numbers that read well.
public enum JSONText {
    /// Integral values without a fraction; others in Swift's shortest form that reads back exactly.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A number rounded to `digits` decimals, for tables people read.
    /// Four significant digits at most, for people: 1.256, 0.06691, 1201.
    public static func significant(_ value: Double) -> String {
        guard value.isFinite, value != value.rounded() else { return number(value) }
        var digits = 3
        var magnitude = abs(value)
        while magnitude < 1 && digits < 12 {
            magnitude *= 10
            digits += 1
        }
        while magnitude >= 10 && digits > 0 {
            magnitude /= 10
            digits -= 1
        }
        return rounded(value, digits: digits)
    }

    public static func rounded(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return number((value * scale).rounded() / scale)
    }

    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // The escaper's rule, in JSON's own notation (a scalar beyond U+FFFF as a surrogate pair).
                if UntrustedText.needsEscape(scalar.value) {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
