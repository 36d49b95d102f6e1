public import SluiceModel

extension Scenario {
    /// The `--duration` a user asked for, checked against this scenario: a positive duration of at most
    /// a year that leaves time after the warm-up (statistics over an empty window would be meaningless).
    public func runDuration(from text: String) throws(ScenarioError) -> Nanos {
        func refuse(_ message: String) -> ScenarioError { ScenarioError(file: "--duration", line: nil, key: nil, message: message) }
        guard let nanos = DurationText.parse(text), nanos > 0 else { throw refuse("expected a duration like \"10m\", got \"\(text)\"") }
        guard nanos <= ScenarioLimits.longestDuration else {
            throw refuse("expected a duration of at most \(ScenarioLimits.longestDurationText), got \"\(text)\"")
        }
        guard nanos > warmup else {
            throw refuse("\(text) is within the warm-up (\(DurationText.format(warmup))) of scenario \(name); "
                         + "statistics start after it, so ask for longer than the warm-up")
        }
        return nanos
    }
}
