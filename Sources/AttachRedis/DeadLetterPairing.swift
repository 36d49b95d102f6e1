/// Pairs dead-letter streams with their sources by naming convention: `orders:dlq` holds the dead letters of `orders`.
public struct DeadLetterPairing: Sendable, Equatable {
    /// Dead-letter stream name → source stream name.
    public let sourceOf: [String: String]

    /// Patterns hold one `*` standing for the source's name; a pair needs both streams to exist.
    public init(streams: [String], patterns: [String]) {
        let names = Set(streams)
        var sourceOf: [String: String] = [:]
        for stream in streams {
            for pattern in patterns {
                if let source = Self.source(of: stream, pattern: pattern), source != stream, names.contains(source) {
                    sourceOf[stream] = source
                    break
                }
            }
        }
        self.sourceOf = sourceOf
    }

    /// The dead-letter stream of `source`, if one exists.
    public func deadLetterStream(of source: String) -> String? {
        sourceOf.filter { $0.value == source }.keys.min()
    }

    /// The name a pattern puts in place of `*` to give `stream`, or nil when it does not fit.
    static func source(of stream: String, pattern: String) -> String? {
        guard let star = pattern.firstIndex(of: "*") else { return nil }
        let prefix = pattern[..<star], suffix = pattern[pattern.index(after: star)...]
        guard stream.count > prefix.count + suffix.count, stream.hasPrefix(prefix), stream.hasSuffix(suffix) else { return nil }
        return String(stream.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The name of `source`'s dead-letter stream under `pattern`.
    public static func name(forSource source: String, pattern: String) -> String {
        pattern.replacingFirstStar(with: source)
    }
}

extension String {
    func replacingFirstStar(with text: String) -> String {
        guard let star = firstIndex(of: "*") else { return self }
        return String(self[..<star]) + text + String(self[index(after: star)...])
    }
}
