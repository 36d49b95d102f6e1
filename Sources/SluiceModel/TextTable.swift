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
        var reasons: [String] = []
        var said: Set<CommandKind> = []
        for kind in CommandKind.allCases where !said.contains(kind) {
            guard let reason = capabilities.reasonUnavailable(kind) else { continue }
            // A family off for one reason is one line (`time: a live server runs in real time`).
            if let family = CommandKind.families.first(where: { $0.kinds.contains(kind) }),
               family.kinds.allSatisfy({ capabilities.reasonUnavailable($0) == reason }) {
                reasons.append("  \(family.name): \(reason)")
                said.formUnion(family.kinds)
            } else {
                reasons.append("  \(kind.rawValue): \(reason)")
            }
        }
        return reasons.isEmpty ? [] : ["", "UNAVAILABLE"] + reasons
    }

    /// A rate with one decimal: `12.5`.
    public static func rate(_ perSecond: Double) -> String {
        let tenths = Int((perSecond * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
