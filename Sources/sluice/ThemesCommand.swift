import ArgumentParser
import Dashboard
import ThemeFiles

/// `sluice themes`: lists the colour themes, where each comes from, and any that fail to load.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List colour themes: built-in ones and yours in $XDG_CONFIG_HOME/sluice/themes."
    )

    func run() throws {
        let environment = ThemeFiles.processEnvironment()
        let catalog = ThemeFiles.catalog(environment: environment)
        let builtInFolder = ThemeFiles.builtInDirectory(environment: environment)
        let width = (catalog.entries.map(\.name.count).max() ?? 0) + 2
        for entry in catalog.entries {
            let name = entry.name.padding(to: width)
            switch entry.result {
            case .success(let theme):
                let origin = switch entry.origin {
                case .builtIn: "built-in"
                case .file(let path): builtInFolder.map { path.hasPrefix($0 + "/") } == true ? "built-in, " + path : path
                }
                Console.out(name + theme.description + "  (" + origin + ")")
            case .failure(let error):
                Console.out(name + "BROKEN: \(error)")
            }
        }
        Console.out("")
        Console.out("user themes folder: " + (ThemeFiles.userDirectory(environment: environment) ?? "(no HOME)"))
        Console.out("use one with --theme NAME; t cycles themes in the dashboard")
        // A broken theme is invalid input, like a broken scenario.
        if !catalog.errors.isEmpty {
            reportFailure("\(catalog.errors.count) theme file(s) are broken; see above")
            throw ExitCode(2)
        }
    }
}

extension String {
    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}
