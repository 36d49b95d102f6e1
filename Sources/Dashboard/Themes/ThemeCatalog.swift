/// The themes a person can choose from: the built-in ones, then user themes (which may replace
/// a built-in one of the same name). Files are read and parsed by the caller (the ThemeFiles module);
/// this only orders them.
public struct ThemeCatalog: Sendable {
    /// Where a theme came from.
    public enum Origin: Equatable, Sendable {
        case builtIn
        case file(String)
    }

    public struct Entry: Sendable {
        public var name: String
        public var origin: Origin
        public var result: Result<Theme, ThemeError>
    }

    public private(set) var entries: [Entry] = []

    /// A theme file's name without its folder and `.toml`.
    public static func themeName(fromPath path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.hasSuffix(".toml") ? String(base.dropLast(5)) : base
    }

    public init() {}

    /// Adds a theme, replacing an earlier one of the same name.
    public mutating func add(name: String, origin: Origin, result: Result<Theme, ThemeError>) {
        let entry = Entry(name: name, origin: origin, result: result)
        if let index = entries.firstIndex(where: { $0.name == name }) { entries[index] = entry } else { entries.append(entry) }
    }

    /// Themes that parsed, in catalog order: `default` first, the rest as listed.
    public var themes: [Theme] {
        let loaded = entries.compactMap { try? $0.result.get() }
        return loaded.filter { $0.name == "default" } + loaded.filter { $0.name != "default" }
    }

    /// Files that failed to parse, with their errors.
    public var errors: [ThemeError] {
        entries.compactMap { if case .failure(let error) = $0.result { error } else { nil } }
    }

    public func theme(named name: String) -> Theme? { themes.first { $0.name == name } }
}
