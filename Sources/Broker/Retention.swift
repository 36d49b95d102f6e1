public import SluiceModel

/// What a full partition does with the next append: `.new` throws `BrokerError.retentionLimitReached`.
/// The seam's type, so snapshots carry it as it is.
public typealias DiscardPolicy = RetentionDiscard

/// Retention limits of a topic, applied to each partition separately (like Kafka's `retention.bytes`).
///
/// Age always drops old records, whatever the discard policy: the policy governs the count and byte limits.
public struct Retention: Sendable, Equatable {
    public var maxMessages: Int?
    public var maxBytes: Int?
    public var maxAge: Nanos?
    public var discard: DiscardPolicy

    public init(maxMessages: Int? = nil, maxBytes: Int? = nil, maxAge: Nanos? = nil, discard: DiscardPolicy = .old) {
        self.maxMessages = maxMessages; self.maxBytes = maxBytes; self.maxAge = maxAge; self.discard = discard
    }

    public static let unlimited = Retention()

    var limitsSize: Bool { maxMessages != nil || maxBytes != nil }

    var info: RetentionInfo {
        RetentionInfo(maxMessages: maxMessages, maxBytes: maxBytes, maxAge: maxAge, discard: discard)
    }

    func validate() throws(BrokerError) {
        if let maxMessages, maxMessages < 1 { throw .invalidConfiguration("max messages must be at least 1, got \(maxMessages)") }
        if let maxBytes, maxBytes < 1 { throw .invalidConfiguration("max bytes must be at least 1, got \(maxBytes)") }
        if let maxAge, maxAge < 1 { throw .invalidConfiguration("max age must be positive, got \(maxAge) ns") }
    }
}
