public import AttachSupport

/// Which topics hold dead letters, and of which source: the patterns given with `--dlq-pattern`, then the
/// common conventions (`NAME.dlq`, `NAME-dlt`, `NAME.DLT`).
public struct DeadLetterNaming: Sendable, Equatable {
    public static let conventions = [DeadLetterPattern(prefix: "", suffix: ".dlq"), DeadLetterPattern(prefix: "", suffix: "-dlt"),
                                     DeadLetterPattern(prefix: "", suffix: ".DLT")]

    public let patterns: [DeadLetterPattern]

    public init(given: [DeadLetterPattern] = []) { patterns = DeadLetterPattern.given(given, beside: Self.conventions) }

    /// The source topic whose dead letters `topic` holds, or nil when its name follows no pattern.
    public func source(ofDeadLetterTopic topic: String) -> String? {
        patterns.lazy.compactMap { $0.source(of: topic) }.first
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
