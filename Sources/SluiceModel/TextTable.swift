/// Plain-text tables for the headless reports (`sluice attach --once`): one table for every engine.
public enum TextTable {
    /// Left-aligned columns, two spaces apart; `(empty)` in brackets when there are no rows.
    public static func render(header: [String], rows: [[String]], empty: String) -> [String] {
        guard !rows.isEmpty else { return ["(\(empty))"] }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                column == row.count - 1 ? row[column]
                    : row[column] + String(repeating: " ", count: widths[column] - row[column].count)
            }.joined(separator: "  ")
        }
    }

    /// A report's closing section: each action the backend cannot do, and why; nothing when it can do them all.
    public static func unavailable(_ capabilities: Capabilities) -> [String] {
        let reasons = CommandKind.allCases.compactMap { kind in
            capabilities.reasonUnavailable(kind).map { "  \(kind.rawValue): \($0)" }
        }
        return reasons.isEmpty ? [] : ["", "UNAVAILABLE"] + reasons
    }

    /// A rate with one decimal: `12.5`.
    public static func rate(_ perSecond: Double) -> String {
        let tenths = Int((perSecond * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
