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

        public var description: String {
            let actualText = actual.map { JSONText.number($0) } ?? "missing"
            guard let reference = expectation.reference else {
                return "expectation failed: \(expectation.text) (actual \(actualText))"
            }
            let referenceText = referenceValue.map { JSONText.number($0) } ?? "missing"
            return "expectation failed: \(expectation.text) (actual \(actualText), \(reference) \(referenceText))"
        }
    }

    /// The expectations that failed, in scenario order.
    public static func failures(of expectations: [Expectation], in summary: JSONValue) -> [Failure] {
        expectations.compactMap { expectation in
            let actual = summary.lookup(expectation.key)?.numberValue
            var resolved = expectation
            if let reference = expectation.reference {
                guard let value = summary.lookup(reference)?.numberValue else {
                    return Failure(expectation: expectation, actual: actual, referenceValue: nil)
                }
                resolved.value = value
            }
            guard let actual, resolved.holds(for: actual) else {
                return Failure(expectation: expectation, actual: actual, referenceValue: resolved.reference.map { _ in resolved.value })
            }
            return nil
        }
    }
}
