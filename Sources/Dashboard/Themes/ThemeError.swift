/// A malformed theme file: which file, which line, which key, and what was expected there.
public struct ThemeError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    /// Nil when the file could not be read at all.
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file; self.line = line; self.key = key; self.message = message
    }

    public var description: String {
        file + (line.map { ":\($0)" } ?? "") + ": " + (key.map { "key '\($0)': " } ?? "") + message
    }
}
