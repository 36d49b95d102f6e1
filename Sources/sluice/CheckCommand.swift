import ArgumentParser
import Simulation
import SluiceModel

/// `sluice check FILE...`: validates scenario files without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate scenario files without running them (exit 2 on the first invalid one)."
    )

    @Argument(help: "Scenario files (or built-in scenario names) to validate.")
    var files: [String]

    func run() throws {
        for file in files {
            do {
                let scenario = try ScenarioLoader.resolve(file)
                Console.out("\(file): ok (\(scenario.name))")
            } catch {
                reportFailure(error.description)
                throw ExitCode(2)
            }
        }
    }
}
