public import SluiceModel

/// A record as a producer hands it to a topic.
public struct ProducerRecord: Sendable, Equatable {
    /// Keyed records go to the partition Kafka would pick; keyless ones spread round-robin.
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [Header]
    /// Appends whose id was seen within the topic's dedupe window are acknowledged but not stored again.
    public var messageId: String?
    /// Defaults to the broker's clock at append time.
    public var timestamp: Nanos?
    /// Overrides the partitioner.
    public var partition: Int?

    public init(key: [UInt8]? = nil, value: [UInt8], headers: [Header] = [], messageId: String? = nil,
                timestamp: Nanos? = nil, partition: Int? = nil) {
        self.key = key; self.value = value; self.headers = headers; self.messageId = messageId
        self.timestamp = timestamp; self.partition = partition
    }

    /// An empty id counts as none.
    var hasMessageId: Bool { messageId.map { !$0.isEmpty } ?? false }
}

/// What happened to one produced record.
public enum AppendOutcome: Sendable, Equatable {
    case appended(partition: Int, offset: Int64)
    /// Its message id was seen within the dedupe window; nothing was stored. Names the first copy.
    case duplicate(partition: Int, offset: Int64)
}

/// What happened to a batch of produced records.
public struct AppendSummary: Sendable, Equatable {
    public var appended = 0
    public var duplicates = 0
    public var rejected = 0
    /// Why the first rejected record was refused.
    public var firstRejection: BrokerError?
    public init() {}

    mutating func reject(_ error: BrokerError) {
        rejected += 1
        if firstRejection == nil { firstRejection = error }
    }
}
