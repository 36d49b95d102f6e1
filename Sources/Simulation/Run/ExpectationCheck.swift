/// Checks a scenario's `[expect]` lines against a run summary.
public enum ExpectationCheck {
    /// One expectation that did not hold, with what the run actually gave.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public var expectation: Expectation
        /// nil when the summary has no such key (a queue that never existed...).
        public var actual: Double?

        public var description: String {
            let actualText = actual.map { JSONText.number($0) } ?? "missing"
            return "expectation failed: \(expectation.text) (actual \(actualText))"
        }
    }

    /// The expectations that failed, in scenario order.
    public static func failures(of expectations: [Expectation], in summary: JSONValue) -> [Failure] {
        expectations.compactMap { expectation in
            let actual = summary.lookup(expectation.key)?.numberValue
            guard let actual, expectation.holds(for: actual) else { return Failure(expectation: expectation, actual: actual) }
            return nil
        }
    }
}
