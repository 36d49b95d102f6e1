import ArgumentParser
import Foundation

@main
struct Sluice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "See event-driven systems work: an embedded broker, a simulation and a live dashboard.",
        subcommands: [RunCommand.self, CheckCommand.self, ScenariosCommand.self, LessonsCommand.self, LessonCommand.self,
                      AttachCommand.self, ServeCommand.self, ThemesCommand.self, Bench.self],
        // Bare `sluice` opens the dashboard on the built-in demo.
        defaultSubcommand: RunCommand.self
    )

    /// Parses and runs like ArgumentParser's `main`, except that invalid arguments exit 2 ("invalid input",
    /// as every other refusal does) rather than ArgumentParser's 64.
    static func main() {
        var parsed: (any ParsableCommand)?
        do {
            var command = try parseAsRoot()
            parsed = command
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            // The failing subcommand's own usage, not the root's, when the error came from its run or validate.
            let message = parsed.map { type(of: $0).fullMessage(for: error) } ?? fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
