public import Dashboard

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
    public static func catalog(environment: [String: String]) -> ThemeCatalog {
        let onDisk = builtInDirectory(environment: environment).map(tomlFiles) ?? []
        let user = userDirectory(environment: environment).map(tomlFiles) ?? []
        return ThemeCatalog(builtIn: ThemeCatalog.embeddedTexts, userFiles: onDisk + user)
    }

    /// The process environment, for callers without one at hand.
    public static func processEnvironment() -> [String: String] { FileSystem.environment() }

    static func tomlFiles(in directory: String) -> [(path: String, text: String)] {
        (FileSystem.list(directory) ?? []).filter { $0.hasSuffix(".toml") }.compactMap { name in
            let path = directory + "/" + name
            return FileSystem.readText(path).map { (path, $0) }
        }
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
