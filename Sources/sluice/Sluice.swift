import ArgumentParser

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
    /// as every other refusal does) rather than ArgumentParser's 64, and that every message, help
    /// included, goes through `Console` (a flag's value echoed in an error may hold escape sequences).
    static func main() {
        if let invalid = ArgumentBytes.firstInvalid() {
            Console.error("sluice: argument \(invalid.position) is not UTF-8 text: \(invalid.shown)")
            Console.exit(2)
        }
        var parsed: (any ParsableCommand)?
        do {
            var command = try parseAsRoot()
            parsed = command
            try command.run()
        } catch {
            let code = exitCode(for: error)
            // The failing subcommand's own usage, not the root's, when the error came from its run or validate.
            let message = parsed.map { type(of: $0).fullMessage(for: error) } ?? fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { Console.out(message) } else { Console.error(message) }
            }
            Console.exit(code == .validationFailure ? 2 : code.rawValue)
        }
        Console.exit(0)
    }
}
