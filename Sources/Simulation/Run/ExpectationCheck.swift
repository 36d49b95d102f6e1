public import SluiceModel

/// Checks a scenario's `[expect]` lines against a run summary.
public enum ExpectationCheck {
    /// One expectation that did not hold, with what the run actually gave.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public var expectation: Expectation
        /// nil when the summary has no such key (a queue that never existed...).
        public var actual: Double?
        /// The referenced key's value, when the expectation compares two keys.
        public var referenceValue: Double?

        public init(expectation: Expectation, actual: Double?, referenceValue: Double? = nil) {
            self.expectation = expectation; self.actual = actual; self.referenceValue = referenceValue
        }

        public var description: String { "expectation failed: " + Self.outcome(expectation, actual, referenceValue) }

        /// `lost == 0 (actual 3)`, with the referenced key's value when it compares two keys.
        static func outcome(_ expectation: Expectation, _ actual: Double?, _ referenceValue: Double?) -> String {
            let actualText = actual.map { JSONText.number($0) } ?? "missing"
            guard let reference = expectation.reference else { return "\(expectation.text) (actual \(actualText))" }
            let referenceText = referenceValue.map { JSONText.number($0) } ?? "missing"
            return "\(expectation.text) (actual \(actualText), \(reference) \(referenceText))"
        }
    }

    /// Every expectation with what the run gave, in scenario order.
    public static func results(of expectations: [Expectation], in summary: RunSummary) -> [CheckSnapshot] {
        expectations.map { expectation in
            let actual = summary.number(at: expectation.key)
            var resolved = expectation
            var referenceValue: Double?
            if let reference = expectation.reference {
                referenceValue = summary.number(at: reference)
                resolved.value = referenceValue ?? .nan
            }
            let holds = actual.map { referenceValue != nil || expectation.reference == nil ? resolved.holds(for: $0) : false } ?? false
            return CheckSnapshot(text: expectation.text, actual: actual, referenceValue: referenceValue, holds: holds)
        }
    }

    /// The expectations that failed, in scenario order.
    public static func failures(of expectations: [Expectation], in summary: RunSummary) -> [Failure] {
        zip(expectations, results(of: expectations, in: summary)).compactMap { expectation, result in
            result.holds ? nil : Failure(expectation: expectation, actual: result.actual, referenceValue: result.referenceValue)
        }
    }

    /// One line per expectation for a person: `ok   lost == 0 (actual 0)` or `FAIL ...`.
    public static func lines(of expectations: [Expectation], in summary: RunSummary) -> [String] {
        zip(expectations, results(of: expectations, in: summary)).map { expectation, result in
            (result.holds ? "ok   " : "FAIL ") + Failure.outcome(expectation, result.actual, result.referenceValue)
        }
    }
}
