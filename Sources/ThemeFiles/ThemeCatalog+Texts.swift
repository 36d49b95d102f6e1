public import Dashboard
internal import ThemeTexts
public import SluiceModel

extension ThemeCatalog {
    /// The catalog of built-in texts (file name and text) and then files (path and text), each
    /// replacing an earlier theme of the same name; `unreadable` lists files that could not be read.
    public init(builtIn: [(name: String, text: String)], userFiles: [(path: String, text: String)],
                unreadable: [ThemeError] = []) {
        self.init()
        for (name, text) in builtIn {
            add(name: name, origin: .builtIn, result: Result { () throws(ThemeError) in
                try ThemeReader.parse(text, name: name, file: "Themes/\(name).toml")
            })
        }
        for (path, text) in userFiles {
            let name = Self.themeName(fromPath: path)
            add(name: name, origin: .file(path), result: Result { () throws(ThemeError) in
                try ThemeReader.parse(text, name: name, file: path)
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
}
