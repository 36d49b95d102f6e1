/// Which topics hold dead letters, and of which source: the common conventions (`NAME.dlq`, `NAME-dlt`,
/// `NAME.DLT`) and, with `--dlq-pattern`, one more where `{topic}` stands for the source topic.
public struct DeadLetterNaming: Sendable, Equatable {
    /// What comes before and after the source topic's name in a dead-letter topic's name.
    public struct Affixes: Sendable, Equatable {
        public var prefix: String
        public var suffix: String
    }

    public static let placeholder = "{topic}"
    public static let conventions = [Affixes(prefix: "", suffix: ".dlq"), Affixes(prefix: "", suffix: "-dlt"),
                                     Affixes(prefix: "", suffix: ".DLT")]

    public let patterns: [Affixes]

    public init() { patterns = Self.conventions }

    /// The conventions plus `pattern`, which must hold `{topic}` once and something beside it.
    public init(pattern: String) throws(KafkaAttachError) {
        let pieces = pattern.split(separator: Self.placeholder, omittingEmptySubsequences: false)
        guard pieces.count == 2 else {
            throw KafkaAttachError("--dlq-pattern '\(pattern)' must hold {topic} exactly once, as in {topic}.deadletter")
        }
        let affixes = Affixes(prefix: String(pieces[0]), suffix: String(pieces[1]))
        guard !(affixes.prefix.isEmpty && affixes.suffix.isEmpty) else {
            throw KafkaAttachError("--dlq-pattern '{topic}' would make every topic its own dead-letter topic")
        }
        patterns = [affixes] + Self.conventions.filter { $0 != affixes }
    }

    /// The source topic whose dead letters `topic` holds, or nil when its name follows no pattern.
    public func source(ofDeadLetterTopic topic: String) -> String? {
        for affixes in patterns where topic.count > affixes.prefix.count + affixes.suffix.count
            && topic.hasPrefix(affixes.prefix) && topic.hasSuffix(affixes.suffix) {
            return String(topic.dropFirst(affixes.prefix.count).dropLast(affixes.suffix.count))
        }
        return nil
    }

    /// Spring Kafka's retry topics: `NAME-retry` or `NAME-retry-N` (N a number); the source, or nil.
    public static func source(ofRetryTopic topic: String) -> String? {
        var name = Substring(topic)
        if let dash = name.lastIndex(of: "-"), !name[name.index(after: dash)...].isEmpty,
           name[name.index(after: dash)...].allSatisfy(\.isNumber) {
            name = name[..<dash]
        }
        guard name.hasSuffix("-retry"), name.count > "-retry".count else { return nil }
        return String(name.dropLast("-retry".count))
    }
}
