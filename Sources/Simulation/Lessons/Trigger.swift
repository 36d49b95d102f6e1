public import SluiceModel

/// A lesson step's trigger: a small language over the run's summary numbers, checked once per simulated
/// second. Clauses are joined by `and`:
///
/// - `KEY OP NUMBER`: `final_lag > 1000`, `"queues.emails.waiting" >= 10` (OP is one of == != < <= > >=)
/// - `KEY grows` / `KEY shrinks`: the number rose (fell) since the previous second
/// - shortcuts: `dlq_grows` (dead_lettered grows), `lag_grows`, `lag_shrinks`, and the aliases `lag`
///   (final_lag), `dlq` (dead_lettered), `time` (sim_time_s)
///
/// KEY is any summary key `[expect]` accepts, dotted for per-queue and per-group ones.
public struct Trigger: Sendable, Equatable {
    public enum Clause: Sendable, Equatable {
        case compare(key: SummaryPath, comparison: Expectation.Comparison, value: Double)
        case grows(key: SummaryPath)
        case shrinks(key: SummaryPath)

        public var key: SummaryPath {
            switch self {
            case .compare(let key, _, _), .grows(let key), .shrinks(let key): key
            }
        }
    }

    public var clauses: [Clause]
    /// As written in the file.
    public var text: String

    /// Words that stand for a whole clause.
    static let shortcuts: [String: String] = [
        "dlq_grows": "dead_lettered grows",
        "lag_grows": "final_lag grows",
        "lag_shrinks": "final_lag shrinks",
    ]
    /// Short names for common keys (the summary catalogue's).
    static let aliases = SummaryKey.shortNames

    /// What a trigger looks like, for error messages.
    static let example = #"a trigger like "final_lag > 1000", "dead_lettered grows" or "dlq_grows""#

    /// Parses trigger text; `resolve` finds where a key stands in the summary (nil for a key it has not).
    /// Throws a message naming the problem.
    static func parse(_ text: String, resolve: (String) -> SummaryPath?) throws(TriggerError) -> Trigger {
        var clauses: [Clause] = []
        let parts = text.split(separator: " and ", omittingEmptySubsequences: false)
        for part in parts {
            let clauseText = String(part).trimmingSpaces
            guard !clauseText.isEmpty else { throw TriggerError("expected \(example), got \"\(text)\"") }
            clauses.append(try parseClause(shortcuts[clauseText] ?? clauseText, resolve: resolve))
        }
        return Trigger(clauses: clauses, text: text.trimmingSpaces)
    }

    private static func parseClause(_ text: String, resolve: (String) -> SummaryPath?) throws(TriggerError) -> Clause {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func key(_ word: String) throws(TriggerError) -> SummaryPath {
            let unquoted = word.hasPrefix("\"") && word.hasSuffix("\"") && word.count >= 2
                ? String(word.dropFirst().dropLast()) : word
            guard let path = resolve(aliases[unquoted] ?? unquoted) else {
                throw TriggerError("unknown key \"\(unquoted)\" in \"\(text)\"; expected a summary key (as in [expect]) or \(aliases.keys.sorted().joined(separator: ", "))")
            }
            return path
        }
        if words.count == 2, words[1] == "grows" || words[1] == "shrinks" {
            let name = try key(words[0])
            return words[1] == "grows" ? .grows(key: name) : .shrinks(key: name)
        }
        guard words.count == 3, let comparison = Expectation.Comparison(rawValue: words[1]) else {
            throw TriggerError("expected \(example), got \"\(text)\"")
        }
        guard let value = Double(words[2]), value.isFinite else {
            throw TriggerError("expected a number after \"\(words[1])\", got \"\(words[2])\" in \"\(text)\"")
        }
        return .compare(key: try key(words[0]), comparison: comparison, value: value)
    }

    /// Whether every clause holds; `value` reads a key now, `previous` the same key a second ago.
    func holds(value: (SummaryPath) -> Double?, previous: (SummaryPath) -> Double?) -> Bool {
        clauses.allSatisfy { clause in
            guard let current = value(clause.key) else { return false }
            switch clause {
            case .compare(_, let comparison, let threshold):
                return Expectation(key: clause.key, comparison: comparison, value: threshold).holds(for: current)
            case .grows: return previous(clause.key).map { current > $0 } ?? false
            case .shrinks: return previous(clause.key).map { current < $0 } ?? false
            }
        }
    }

    /// Keys whose previous value `grows` and `shrinks` need.
    var historyKeys: [SummaryPath] {
        clauses.compactMap { clause in
            switch clause {
            case .grows(let key), .shrinks(let key): key
            case .compare: nil
            }
        }
    }
}

/// Why a trigger text does not parse.
struct TriggerError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
