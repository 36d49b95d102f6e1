import ArgumentParser
import Simulation
import SluiceModel

/// `sluice lessons`: the teaching catalogue in order, one lesson a line, its name first.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons in teaching order (open one with `sluice lesson NAME`)."
    )

    func run() throws {
        do {
            Console.out(try BuiltinLessons.listing())
        } catch {
            reportFailure(error.description)
            throw ExitCode(2)
        }
    }
}
