import ArgumentParser
import Simulation

/// `sluice lesson NAME`: runs one lesson, telling its story step by step, then checks what it claims.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Run a lesson: its steps are printed as they fire, then its checks.",
        discussion: "Exit status: 0 every check holds, 1 a check failed, 2 invalid input, 3 an invariant broke."
    )

    @Argument(help: "A lesson name (see `sluice lessons`) or a path to a lesson file.")
    var name: String

    @Option(help: "Seed for the random numbers (overrides the lesson's).")
    var seed: UInt64?

    func run() throws {
        // TODO(lead): open the lesson in the dashboard (SimulationBackend + the terminal runner) once the
        // dashboard runner is on main; this narrated headless run stays as `--headless`.
        do {
            let scenario = try ScenarioLoader.resolve(name)
            let outcome = try NarratedRun.run(scenario, options: SimulationOptions(seed: seed), output: { print($0) })
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        } catch let error as ScenarioError {
            reportFailure(error.description)
            throw ExitCode(2)
        }
    }
}
