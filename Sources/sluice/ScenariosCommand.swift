import ArgumentParser
import Simulation

/// `sluice scenarios`: the built-in scenarios with their one-line descriptions.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the built-in scenarios."
    )

    func run() throws {
        Console.out(BuiltinScenarios.listing())
    }
}
