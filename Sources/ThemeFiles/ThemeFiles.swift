public import Dashboard
public import SluiceModel

/// Finds theme files on disk: the built-in `Themes/` folder (next to the program, in the current
/// folder, or where `SLUICE_THEMES_DIR` says) over the copies compiled in, then user themes in
/// `$XDG_CONFIG_HOME/sluice/themes` (default `~/.config/sluice/themes`).
public enum ThemeFiles {
    /// The built-in themes folder, if one is found.
    public static func builtInDirectory(environment: [String: String]) -> String? {
        var candidates: [String] = []
        if let configured = environment["SLUICE_THEMES_DIR"], !configured.isEmpty { candidates.append(configured) }
        if let executable = FileSystem.executablePath() {
            // .build/debug/sluice and .build/<triple>/release/sluice sit two or three folders below the checkout.
            var folder = parent(executable)
            for _ in 0..<4 {
                candidates.append(folder + "/Themes")
                folder = parent(folder)
            }
        }
        if let current = FileSystem.currentDirectory() { candidates.append(current + "/Themes") }
        return candidates.first { FileSystem.isDirectory($0) }
    }

    /// The user themes folder (whether or not it exists).
    public static func userDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/sluice/themes" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/sluice/themes" }
        return nil
    }

    /// Every theme: compiled-in copies, replaced by the built-in folder's files, then user files.
    /// A file that cannot be read, or is not UTF-8, is listed as broken with the reason.
    public static func catalog(environment: [String: String]) -> ThemeCatalog {
        let onDisk = builtInDirectory(environment: environment).map(tomlFiles) ?? []
        let user = userDirectory(environment: environment).map(tomlFiles) ?? []
        var readable: [(path: String, text: String)] = []
        var unreadable: [ThemeError] = []
        for (path, contents) in onDisk + user {
            switch themeText(contents, path: path) {
            case .success(let text): readable.append((path, text))
            case .failure(let error): unreadable.append(error)
            }
        }
        return ThemeCatalog(builtIn: ThemeCatalog.embeddedTexts, userFiles: readable, unreadable: unreadable)
    }

    /// Theme files are a few hundred bytes; anything past this is not one.
    static let largestThemeFile = 1 << 20

    /// A theme file's text, or why it has none: invalid UTF-8 is refused (with its line), not repaired.
    static func themeText(_ contents: FileSystem.Contents, path: String) -> Result<String, ThemeError> {
        switch contents {
        case .unreadable(let reason):
            return .failure(ThemeError(file: path, line: nil, key: nil, message: "cannot be read: " + reason))
        case .bytes(let bytes):
            if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
            return .failure(ThemeError(file: path, line: LenientUTF8Decoder.lineOfFirstInvalidByte(bytes), key: nil,
                                       message: "expected UTF-8 text"))
        }
    }

    /// The process environment, for callers without one at hand.
    public static func processEnvironment() -> [String: String] { FileSystem.environment() }

    static func tomlFiles(in directory: String) -> [(path: String, contents: FileSystem.Contents)] {
        (FileSystem.list(directory) ?? []).filter { $0.count > 5 && $0.suffix(5).elementsEqual(".toml".utf8) }.map { name in
            // Read by the name's own bytes; shown (and chosen) by its escaped form, never repaired into another name.
            let path = directory + "/" + UntrustedText.escape(name)
            return (path, FileSystem.read(Array(directory.utf8) + [UInt8(ascii: "/")] + name, limit: largestThemeFile))
        }
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
