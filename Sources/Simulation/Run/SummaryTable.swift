import SluiceModel

/// `--format text`: the summary as a table a person reads: the totals of the contract and beyond it, then
/// the contract keys of each queue, group and pattern. Names are escaped before they are padded, so a name
/// holding control characters keeps its column straight.
enum SummaryTable {
    static func render(_ summary: RunSummary, scenario: Scenario) -> String {
        var lines = ["scenario \(UntrustedText.escape(scenario.name)): \(UntrustedText.escape(scenario.description))"]
        for key in SummaryKey.Total.allCases where key.promise == .contract || key.promise == .extra {
            lines.append("  " + key.rawValue.padded(to: 22) + text(summary.totals[key]))
        }
        lines += section(.queues, summary.queues)
        lines += section(.groups, summary.groups)
        lines += section(.patterns, summary.patterns)
        return lines.joined(separator: "\n")
    }

    /// A section's columns, one per entry, and a row per contract key any entry has; nothing without entries.
    private static func section<Key: SummaryField>(_ section: SummaryKey.Section, _ entries: [SummaryEntry<Key>]) -> [String] {
        guard !entries.isEmpty else { return [] }
        let names = entries.map { UntrustedText.escape($0.name) }
        let width = max(14, (names.map(\.count).max() ?? 0) + 2)
        var lines = ["", section.rawValue.padded(to: 22) + names.map { $0.padded(to: width) }.joined()]
        for key in Key.allCases where key.promise == .contract && entries.contains(where: { $0.fields[key] != nil }) {
            lines.append("  " + key.rawValue.padded(to: 20) + entries.map { text($0.fields[key]).padded(to: width) }.joined())
        }
        return lines
    }

    private static func text(_ value: SummaryValue?) -> String {
        switch value {
        case .int(let number): String(number)
        case .uint(let number): String(number)
        case .number(let number): JSONText.rounded(number, digits: 4)
        case .text(let text): UntrustedText.escape(text)
        case .flag(let flag): String(flag)
        case .null, nil: "-"
        }
    }
}
