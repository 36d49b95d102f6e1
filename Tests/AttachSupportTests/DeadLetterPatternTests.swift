import AttachSupport
import Testing

/// One `--dlq-pattern` syntax for every engine that names dead letters: one `*` standing for the source.
@Suite struct DeadLetterPatternTests {
    @Test func aPatternHoldsOneStarAndSomethingBesideIt() {
        for bad in ["dlq", "*", "*.*", ""] {
            #expect(throws: DeadLetterPatternError.self) { try DeadLetterPattern(parsing: bad) }
        }
    }

    @Test func aPatternNamesADeadLetterStreamAndFindsItsSource() throws {
        let pattern = try DeadLetterPattern(parsing: "dlq:*")
        #expect(pattern.name(forSource: "pay") == "dlq:pay")
        #expect(pattern.source(of: "dlq:pay") == "pay")
        #expect(pattern.source(of: "dlq:") == nil && pattern.source(of: "pay") == nil)
        #expect(pattern.description == "dlq:*")
    }

    @Test func givenPatternsComeBeforeTheConventionsOnce() throws {
        let conventions = [DeadLetterPattern(prefix: "", suffix: ":dlq"), DeadLetterPattern(prefix: "", suffix: ".dlq")]
        let given = [try DeadLetterPattern(parsing: "dlq:*"), try DeadLetterPattern(parsing: "*.dlq")]
        #expect(DeadLetterPattern.given(given, beside: conventions).map(\.description) == ["dlq:*", "*.dlq", "*:dlq"])
    }
}
