import SluiceModel
import TOMLKit

/// Reads `[expect]`: each key a summary key (dotted for per-queue and per-group ones), each value a
/// number (equality) or a comparison like `"> 0"`.
struct ExpectationReader {
    let scenario: Scenario

    func read(_ table: TableReader) throws(ScenarioError) -> [Expectation] {
        var expectations: [Expectation] = []
        try collect(table, prefix: "", into: &expectations)
        return expectations
    }

    private func collect(_ table: TableReader, prefix: String, into expectations: inout [Expectation]) throws(ScenarioError) {
        for key in table.table.keys.sorted() {
            let dotted = prefix.isEmpty ? key : "\(prefix).\(key)"
            if table.table[key]?.table != nil, let nested = try table.subtable(key) {
                try collect(nested, prefix: dotted, into: &expectations)
                continue
            }
            guard let path = SummaryKeys.path(dotted, in: scenario) else {
                throw table.error(key, "expected a summary key (\(SummaryKeys.totals.joined(separator: ", ")), or queues.NAME.KEY, groups.\"STREAM/GROUP\".KEY, patterns.NAME.KEY), got \"\(dotted)\"")
            }
            let line = table.index.line(for: table.childPath(key)) ?? 0
            expectations.append(try parse(table, key: key, path: path, line: line))
        }
    }

    private func parse(_ table: TableReader, key: String, path: SummaryPath, line: Int) throws(ScenarioError) -> Expectation {
        guard let value = table.table[key] else { throw table.error(key, "missing") }
        if let flag = value.bool {
            return Expectation(key: path, comparison: .equal, value: flag ? 1 : 0, line: line)
        }
        if let number = value.double ?? value.int.map(Double.init) {
            return Expectation(key: path, comparison: .equal, value: number, line: line)
        }
        let wrong = table.error(key, #"expected a number, a comparison like "> 0" or "== other_key", or "0.9 ± 10%", got \#(TableReader.describe(value))"#)
        guard let text = value.string?.trimmingSpaces else { throw wrong }
        if let approximate = try Self.approximate(text, error: wrong) {
            return Expectation(key: path, comparison: .equal, value: approximate.value, line: line, tolerance: approximate.tolerance)
        }
        // Longest operators first so that ">=" is not read as ">".
        let operators = Expectation.Comparison.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        let comparison = operators.first { text.hasPrefix($0.rawValue) }
        let numberText = String(text.dropFirst(comparison?.rawValue.count ?? 0)).trimmingSpaces
        if Double(numberText) == nil, let comparison, let reference = SummaryKeys.path(numberText, in: scenario) {
            // Another key: `duplicates_delivered = "== uncommitted_at_crash"`.
            return Expectation(key: path, comparison: comparison, value: 0, line: line, reference: reference)
        }
        guard let number = Double(numberText), number.isFinite else { throw wrong }
        return Expectation(key: path, comparison: comparison ?? .equal, value: number, line: line)
    }

    /// `"0.9 ± 0.2"`, `"0.9 +- 0.2"` or `"0.9 ± 20%"` (a tolerance relative to the value); nil for other text.
    static func approximate(_ text: String, error: ScenarioError) throws(ScenarioError) -> (value: Double, tolerance: Double)? {
        let separator = text.contains("±") ? "±" : text.contains("+-") ? "+-" : nil
        guard let separator else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        let relative = parts.count == 2 && parts[1].hasSuffix("%")
        let toleranceText = relative ? String(parts[1].dropLast()).trimmingSpaces : parts.count == 2 ? parts[1] : ""
        guard parts.count == 2, let value = Double(parts[0]), let tolerance = Double(toleranceText),
              value.isFinite, tolerance.isFinite, tolerance >= 0 else { throw error }
        return (value, relative ? abs(value) * tolerance / 100 : tolerance)
    }
}
