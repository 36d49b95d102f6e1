internal import ScenarioTexts
internal import SluiceModel

/// The scenarios shipped inside the binary (`Scenarios/*.toml`), so `sluice run demo` works from any directory.
public enum BuiltinScenarios {
    /// Name and text, in listing order.
    static let all: [(name: String, text: String)] = EmbeddedScenarios.scenarios.map {
        ($0.name, String(decoding: $0.bytes, as: UTF8.self))
    }

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
