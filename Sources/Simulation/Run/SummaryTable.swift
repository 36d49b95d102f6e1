import SluiceModel

/// `--format text`: the summary as a table a person reads. Names are escaped before they are padded,
/// so a name holding control characters keeps its column straight.
enum SummaryTable {
    static func render(_ summary: JSONValue, scenario: Scenario) -> String {
        var lines = ["scenario \(UntrustedText.escape(scenario.name)): \(UntrustedText.escape(scenario.description))"]
        func value(_ json: JSONValue?) -> String {
            switch json {
            case .int(let number): String(number)
            case .uint(let number): String(number)
            case .number(let number): JSONText.rounded(number, digits: 4)
            case .string(let text): UntrustedText.escape(text)
            case .bool(let flag): String(flag)
            default: "-"
            }
        }
        for key in SummaryKeys.totals + SummaryKeys.extraTotals {
            lines.append("  " + key.padded(to: 22) + value(summary.lookup(key)))
        }
        for (section, keys) in [("queues", SummaryKeys.queue), ("groups", SummaryKeys.group), ("patterns", SummaryKeys.pattern)] {
            guard case .object(let entries)? = summary.lookup(section), !entries.isEmpty else { continue }
            let names = entries.map { UntrustedText.escape($0.0) }
            let width = max(14, (names.map(\.count).max() ?? 0) + 2)
            lines.append("")
            lines.append(section.padded(to: 22) + names.map { $0.padded(to: width) }.joined())
            for key in keys where entries.contains(where: { $0.1.lookup(key) != nil }) {
                lines.append("  " + key.padded(to: 20) + entries.map { value($0.1.lookup(key)).padded(to: width) }.joined())
            }
        }
        return lines.joined(separator: "\n")
    }
}
