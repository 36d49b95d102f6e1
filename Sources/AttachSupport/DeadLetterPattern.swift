/// How a dead-letter stream or topic is named after its source: `*` stands once for the source's name, so
/// `*.dlq` names `orders.dlq` for `orders`. One syntax for `--dlq-pattern` on every engine that finds dead
/// letters by name.
public struct DeadLetterPattern: Sendable, Hashable, CustomStringConvertible {
    /// What comes before and after the source's name.
    public let prefix: String
    public let suffix: String

    public init(prefix: String, suffix: String) { self.prefix = prefix; self.suffix = suffix }

    /// Reads a pattern as the user wrote it: one `*`, and something beside it.
    public init(parsing text: String) throws(DeadLetterPatternError) {
        let pieces = text.split(separator: "*", omittingEmptySubsequences: false)
        guard pieces.count == 2 else {
            throw DeadLetterPatternError("it must hold exactly one * (the source's name), as in '*.deadletter' or 'dlq:*'")
        }
        guard !(pieces[0].isEmpty && pieces[1].isEmpty) else {
            throw DeadLetterPatternError("'*' alone would make everything its own dead-letter stream")
        }
        self.init(prefix: String(pieces[0]), suffix: String(pieces[1]))
    }

    /// The source whose dead letters `name` holds under this pattern, or nil when it does not fit.
    public func source(of name: String) -> String? {
        guard name.count > prefix.count + suffix.count, name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        return String(name.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The name of `source`'s dead-letter stream under this pattern.
    public func name(forSource source: String) -> String { prefix + source + suffix }

    public var description: String { prefix + "*" + suffix }

    /// The user's patterns first, then the engine's conventions not already among them.
    public static func given(_ patterns: [DeadLetterPattern], beside conventions: [DeadLetterPattern]) -> [DeadLetterPattern] {
        var seen = Set<DeadLetterPattern>()
        return (patterns + conventions).filter { seen.insert($0).inserted }
    }
}

/// Why a `--dlq-pattern` cannot be used, in words that follow the flag's name and value.
public struct DeadLetterPatternError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
