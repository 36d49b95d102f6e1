public import SluiceModel

/// `sluice lesson NAME` without a screen: runs the lesson to its end, printing each step as it fires
/// (`[00:30] step 2/5: ...`), then checks the lesson's expectations one by one.
public enum NarratedRun {
    /// Runs a lesson; `output` receives each line. The outcome's exit code is HeadlessRun's: 0 every
    /// expectation held, 1 one failed, 3 an invariant broke.
    public static func run(_ scenario: Scenario, options: SimulationOptions = .init(),
                           output: (String) -> Void) throws(ScenarioError) -> HeadlessRun.Outcome {
        guard let lesson = scenario.lesson else {
            throw ScenarioError(file: scenario.name, line: nil, key: "lesson",
                                message: "not a lesson (no [lesson] table); `sluice lessons` lists them")
        }
        let simulation = try Simulation(scenario: scenario, options: options)
        output("\(lesson.title) (lesson \(lesson.order)): \(lesson.teaches)")
        var printed = 0
        printed = printFired(simulation, from: printed, output: output)
        // Steps fire on whole seconds, so one-second slices print each as soon as it fires.
        var second: Nanos = 0
        while !simulation.isFinished {
            second += NanosPerUnit.second
            simulation.run(until: second)
            printed = printFired(simulation, from: printed, output: output)
        }
        if let limit = simulation.limitReached { throw limit }
        let summary = simulation.summary()
        let failures = ExpectationCheck.failures(of: scenario.expectations, in: summary)
        output("[\(clock(simulation.now))] end: \(scenario.expectations.count - failures.count) of \(scenario.expectations.count) checks hold")
        for line in ExpectationCheck.lines(of: scenario.expectations, in: summary) { output("  " + line) }
        if let violation = simulation.violation { output("  FAIL \(violation.description)") }
        let code: Int32 = simulation.violation != nil ? 3 : failures.isEmpty ? 0 : 1
        return HeadlessRun.Outcome(exitCode: code, summary: summary, failures: failures, violation: simulation.violation)
    }

    /// Prints the steps fired since `printed`; returns how many have been printed.
    private static func printFired(_ simulation: Simulation, from printed: Int, output: (String) -> Void) -> Int {
        guard let runner = simulation.lessonRunner else { return printed }
        let steps = runner.lesson.steps
        for index in printed..<runner.reached {
            output("[\(clock(runner.firedAt[index] ?? simulation.now))] step \(index + 1)/\(steps.count): \(steps[index].text)")
        }
        return runner.reached
    }

    /// `01:30` for 90 s; hours when needed.
    static func clock(_ time: Nanos) -> String {
        let seconds = time / NanosPerUnit.second
        let minutesAndSeconds = String(format2: seconds / 60 % 60) + ":" + String(format2: seconds % 60)
        return seconds >= 3600 ? "\(seconds / 3600):" + minutesAndSeconds : minutesAndSeconds
    }
}

extension String {
    /// Two digits, zero-padded.
    init(format2 value: Int64) { self = value < 10 ? "0\(value)" : "\(value)" }
}
