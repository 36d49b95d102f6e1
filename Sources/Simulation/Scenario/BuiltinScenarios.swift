/// The scenarios shipped inside the binary, so `sluice run demo` works from any directory.
/// `Scenarios/*.toml` hold the same texts; a test keeps the two identical.
public enum BuiltinScenarios {
    /// Names in listing order.
    public static var names: [String] { all.map(\.name) }

    /// The TOML text of a built-in scenario.
    public static func text(named name: String) -> String? {
        all.first { $0.name == name }?.text
    }

    /// One line per scenario: its name and its description.
    public static func listing() -> String {
        let width = (names.map(\.count).max() ?? 0) + 2
        return names.map { name in
            // A built-in that fails to load lists without a description (BuiltinScenarioTests fails then).
            let description = (try? ScenarioLoader.resolve(name))?.description ?? ""
            return name.padded(to: width) + description
        }.joined(separator: "\n")
    }
}
