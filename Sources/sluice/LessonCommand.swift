import ArgumentParser
import Simulation
import SluiceModel

/// `sluice lesson NAME`: opens a lesson on the dashboard (its steps in the lesson panel), or with
/// `--headless` tells its story step by step as the steps fire, then checks what it claims.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open a lesson on the dashboard, or --headless: print its steps as they fire, then its checks.",
        discussion: "Exit status with --headless: 0 every check holds, 1 a check failed, 2 invalid input, 3 an invariant broke."
    )

    @Argument(help: "A lesson name (see `sluice lessons`) or a path to a lesson file.")
    var name: String

    @Flag(help: "Run without the dashboard, as fast as possible, printing each step as it fires.")
    var headless = false

    @Option(parsing: .unconditional, help: "Seed for the random numbers, 0 to 18446744073709551615 (overrides the lesson's).")
    var seed: UInt64?

    @Option(help: "Serve the run's broker to Kafka clients too, on PORT or HOST:PORT (time then runs at 1x).")
    var kafka: String?

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardFlags

    func run() throws {
        let scenario: Scenario
        do throws(ScenarioError) {
            scenario = try ScenarioLoader.resolveLesson(name)
        } catch {
            reportFailure(error.description)
            throw ExitCode(2)
        }
        let options = SimulationOptions(seed: seed)
        if headless, kafka != nil {
            reportFailure("--kafka needs the dashboard: a headless run goes as fast as it can, and real clients live by the wall clock")
            throw ExitCode(2)
        }
        guard headless else { return try dashboard.openSimulation(scenario, options: options, kafka: kafka) }
        do {
            let outcome = try NarratedRun.run(scenario, options: options, output: { Console.out($0) })
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        } catch let error as ScenarioError {
            reportFailure(error.description)
            throw ExitCode(2)
        }
    }
}
