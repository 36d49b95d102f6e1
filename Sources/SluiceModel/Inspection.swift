/// What the message inspector browses.
public enum InspectTarget: Sendable, Equatable, Hashable {
    case partition(topic: String, partition: Int, fromOffset: Int64)
    case queue(name: String)
}

/// One record or message as the inspector shows it. Bytes are untrusted: the dashboard escapes them.
public struct InspectedMessage: Sendable, Equatable {
    public var offset: Int64?
    public var messageId: String?
    public var key: [UInt8]?
    public var headers: [Header]
    public var value: [UInt8]
    public var timestamp: Nanos
    public var deliveryCount: Int
    /// "waiting", "in-flight", "delayed", "dead-lettered", or empty for stream records.
    public var state: String
    /// Deliveries, retries, dead-lettering and redrive, oldest first.
    public var history: [String]
    public init(offset: Int64? = nil, messageId: String? = nil, key: [UInt8]? = nil, headers: [Header] = [],
                value: [UInt8], timestamp: Nanos, deliveryCount: Int = 0, state: String = "", history: [String] = []) {
        self.offset = offset; self.messageId = messageId; self.key = key; self.headers = headers
        self.value = value; self.timestamp = timestamp; self.deliveryCount = deliveryCount
        self.state = state; self.history = history
    }
}

public struct Header: Sendable, Equatable, Hashable {
    public var name: String
    public var value: [UInt8]
    public init(_ name: String, _ value: [UInt8]) { self.name = name; self.value = value }
}

public struct Inspection: Sendable, Equatable {
    public var target: InspectTarget
    public var messages: [InspectedMessage]
    public init(target: InspectTarget, messages: [InspectedMessage]) {
        self.target = target; self.messages = messages
    }
}
