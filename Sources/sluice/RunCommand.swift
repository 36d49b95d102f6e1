import ArgumentParser
import Foundation
import Simulation
import SluiceModel

/// `sluice run SCENARIO`: runs a built-in scenario or a scenario file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario (a built-in name or a file) on the dashboard, or --headless as fast as possible.",
        discussion: "Exit status: 0 ok, 1 an [expect] line failed, 2 invalid input, 3 an invariant broke, 4 the output could not be written."
    )

    @Argument(help: "A built-in scenario name (see `sluice scenarios`) or a path to a scenario file.")
    var scenario: String = "demo"

    @Flag(help: "Run without the dashboard, as fast as possible, and print a report.")
    var headless = false

    // `.unconditional` so that "-1" reaches validation (and its message) instead of reading as a missing value.
    @Option(parsing: .unconditional, help: "Seed for the random numbers, 0 to 18446744073709551615 (overrides the scenario's).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Simulated time to cover, like 10m or 1h30m (overrides the scenario's).")
    var duration: String?

    @Option(help: "Report format: json (summary), ndjson (a line per simulated second, then the summary) or text.")
    var format: String = "json"

    @Option(help: "Serve the run's broker to Kafka clients too, on PORT or HOST:PORT (time then runs at 1x).")
    var kafka: String?

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardFlags

    func run() throws {
        let loaded: Scenario
        do {
            loaded = try ScenarioLoader.resolve(scenario)
        } catch {
            reportFailure(error.description)
            throw ExitCode(2)
        }
        var options = SimulationOptions(seed: seed)
        if let duration {
            do {
                options.duration = try loaded.runDuration(from: duration)
            } catch {
                reportFailure(error.description)
                throw ExitCode(2)
            }
        }
        guard let reportFormat = HeadlessRun.Format(rawValue: format) else {
            reportFailure("--format: expected one of json, ndjson, text, got \"\(format)\"")
            throw ExitCode(2)
        }
        if headless, kafka != nil {
            reportFailure("--kafka needs the dashboard: a headless run goes as fast as it can, and real clients live by the wall clock")
            throw ExitCode(2)
        }
        guard headless else { return try dashboard.openSimulation(loaded, options: options, kafka: kafka) }
        do {
            let outcome = try HeadlessRun.run(loaded, options: options, format: reportFormat,
                                              output: { Console.out($0) }, problems: reportFailure)
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        } catch let error as ScenarioError {
            reportFailure(error.description)
            throw ExitCode(2)
        }
    }
}
