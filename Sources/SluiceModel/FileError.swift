/// A file Sluice cannot use (a scenario, a lesson, a theme): names the file, the line and the key, and what
/// was expected there. One wording for every kind of file, like a compiler's.
public struct FileError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    /// Nil when the file could not be read at all.
    public var line: Int?
    /// Dotted, without array indexes: `consumer.service.mean`.
    public var key: String?
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file; self.line = line; self.key = key; self.message = message
    }

    /// `Scenarios/x.toml:14: consumer.service.mean: expected a duration like "250ms", got "fast"`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key, !key.isEmpty { text += "\(key): " }
        return text + message
    }
}
