public import AttachSupport

/// Pairs dead-letter streams with their sources by naming pattern: `orders:dlq` holds the dead letters of `orders`.
public struct DeadLetterPairing: Sendable, Equatable {
    /// Dead-letter stream name → source stream name.
    public let sourceOf: [String: String]

    /// A pair needs both streams to exist; the first pattern that fits a stream wins.
    public init(streams: [String], patterns: [DeadLetterPattern]) {
        let names = Set(streams)
        var sourceOf: [String: String] = [:]
        for stream in streams {
            for pattern in patterns {
                if let source = pattern.source(of: stream), source != stream, names.contains(source) {
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
}
