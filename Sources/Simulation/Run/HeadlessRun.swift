public import SluiceModel

/// `sluice run --headless`: runs a scenario as fast as possible and reports it.
public enum HeadlessRun {
    public enum Format: String, Sendable, CaseIterable {
        /// Only the summary object.
        case json
        /// A snapshot line per simulated second, the summary last.
        case ndjson
        /// A readable table.
        case text
    }

    /// What a run ends with: 0 all expectations held, 1 one failed, 3 an invariant broke.
    public struct Outcome: Sendable {
        public var exitCode: Int32
        public var summary: RunSummary
        public var failures: [ExpectationCheck.Failure]
        public var violation: InvariantViolation?
    }

    /// Runs the scenario; `output` receives stdout lines, `problems` stderr lines.
    public static func run(_ scenario: Scenario, options: SimulationOptions, format: Format,
                           output: (String) -> Void, problems: (String) -> Void) throws(ScenarioError) -> Outcome {
        let simulation = try Simulation(scenario: scenario, options: options)
        if format == .ndjson {
            // Lines are built inside the callback but written by the caller's closure, which is not escaping;
            // collect them per second and flush after each slice instead.
            var pending: [String] = []
            simulation.onSecond = { pending.append($0.progressLine().json.text()) }
            var second: Nanos = 0
            while !simulation.isFinished {
                second += NanosPerUnit.second
                simulation.run(until: second)
                for line in pending { output(line) }
                pending.removeAll()
            }
        } else {
            simulation.runToEnd()
        }
        if let limit = simulation.limitReached { throw limit }
        let summary = simulation.summary()
        switch format {
        case .json, .ndjson: output(summary.text())
        case .text:
            output(SummaryTable.render(summary, scenario: scenario))
            // Every expectation's result, not only the failures (those go to stderr as well, with their line).
            if !scenario.expectations.isEmpty {
                let held = ExpectationCheck.results(of: scenario.expectations, in: summary).filter(\.holds).count
                output("checks: \(held) of \(scenario.expectations.count) hold")
                for line in ExpectationCheck.lines(of: scenario.expectations, in: summary) { output("  " + line) }
            }
        }
        let failures = ExpectationCheck.failures(of: scenario.expectations, in: summary)
        for failure in failures { problems("\(scenario.file.isEmpty ? scenario.name : scenario.file):\(failure.expectation.line): \(failure.description)") }
        if let violation = simulation.violation { problems(violation.description) }
        let code: Int32 = simulation.violation != nil ? 3 : failures.isEmpty ? 0 : 1
        return Outcome(exitCode: code, summary: summary, failures: failures, violation: simulation.violation)
    }
}
