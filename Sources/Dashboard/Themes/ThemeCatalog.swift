internal import ThemeTexts

/// The themes a person can choose from: the built-in ones, then user themes (which may replace
/// a built-in one of the same name). Files are read by the caller; this only parses and orders.
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

    /// The catalog of built-in texts (file name and text) and then files (path and text), each
    /// replacing an earlier theme of the same name; `unreadable` lists files that could not be read.
    public init(builtIn: [(name: String, text: String)], userFiles: [(path: String, text: String)],
                unreadable: [ThemeError] = []) {
        for (name, text) in builtIn {
            add(name: name, origin: .builtIn, result: Result { () throws(ThemeError) in
                try ThemeParser.parse(text, name: name, file: "Themes/\(name).toml")
            })
        }
        for (path, text) in userFiles {
            let name = Self.themeName(fromPath: path)
            add(name: name, origin: .file(path), result: Result { () throws(ThemeError) in
                try ThemeParser.parse(text, name: name, file: path)
            })
        }
        for error in unreadable {
            add(name: Self.themeName(fromPath: error.file), origin: .file(error.file), result: .failure(error))
        }
    }

    /// The built-in themes alone, from the copies compiled into the program.
    public static let embedded = ThemeCatalog(builtIn: embeddedTexts, userFiles: [])

    /// The texts of the built-in themes as compiled in (name, text), `default` first.
    public static let embeddedTexts: [(name: String, text: String)] = EmbeddedThemes.all.map {
        ($0.name, String(decoding: $0.bytes, as: UTF8.self))
    }

    mutating func add(name: String, origin: Origin, result: Result<Theme, ThemeError>) {
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
