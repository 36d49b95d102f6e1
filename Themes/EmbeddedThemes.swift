// The built-in themes, carried inside the binary by SwiftPM (`.embedInCode` in Package.swift) so the
// program works from any folder. The files here are the only copy; list a new file below (ThemeTests
// fails until it is listed).

/// The theme files of this folder, as compiled in, `default` first.
public enum EmbeddedThemes {
    public static let all: [(name: String, bytes: [UInt8])] = [
        ("default", PackageResources.default_toml),
        ("contrast", PackageResources.contrast_toml),
        ("ember", PackageResources.ember_toml),
        ("fjord", PackageResources.fjord_toml),
        ("harbor", PackageResources.harbor_toml),
        ("paper", PackageResources.paper_toml),
        ("terminal", PackageResources.terminal_toml),
    ]
}
