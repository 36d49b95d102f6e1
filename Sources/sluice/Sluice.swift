import ArgumentParser

@main
struct Sluice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "See event-driven systems work: an embedded broker, a simulation and a live dashboard.",
        subcommands: [RunCommand.self, CheckCommand.self, ScenariosCommand.self, LessonsCommand.self, LessonCommand.self,
                      AttachCommand.self, ThemesCommand.self, Bench.self],
        // Bare `sluice` opens the dashboard on the built-in demo.
        defaultSubcommand: RunCommand.self
    )
}
