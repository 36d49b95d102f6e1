import ArgumentParser
import Dashboard
import Terminal

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
                print(name + theme.description + "  (" + origin + ")")
            case .failure(let error):
                print(name + "BROKEN: \(error)")
            }
        }
        print("")
        print("user themes folder: " + (ThemeFiles.userDirectory(environment: environment) ?? "(no HOME)"))
        print("use one with --theme NAME; t cycles themes in the dashboard")
        if !catalog.errors.isEmpty {
            throw BrokenThemes(count: catalog.errors.count)
        }
    }
}

/// Some theme files did not parse: an error exit, without the usage text a validation error prints.
struct BrokenThemes: Error, CustomStringConvertible {
    let count: Int
    var description: String { "\(count) theme file(s) could not be read; see above" }
}

extension String {
    func padding(to width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}
