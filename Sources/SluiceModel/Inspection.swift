/// What the message inspector browses: a page of a partition from a position, or of a queue.
public enum InspectTarget: Sendable, Equatable, Hashable {
    /// A page of a partition from an offset, a time or an engine's own id; `.earliest` and `.latest` too.
    case partition(topic: String, partition: Int, from: SeekPosition)
    /// The queue's messages in sequence order, after skipping the first `skip`.
    case queue(name: String, skip: Int = 0)

    /// A page of a partition from an offset, the most common start.
    public static func partition(topic: String, partition: Int, fromOffset offset: Int64) -> InspectTarget {
        .partition(topic: topic, partition: partition, from: .offset(offset))
    }
}

/// Where a message stands now.
public enum MessageState: String, Sendable, Equatable {
    // Queue messages.
    case waiting, delayed, inFlight = "in-flight", deadLettered = "dead-lettered"
    // Stream records, as their groups see them: every group committed past it, some group handed it
    // out and has not committed it, some group has not been handed it yet; a consumer is on it now.
    case consumed, handedOut = "handed out", unread, inProgress = "in progress", retrying
}

/// One thing that happened to a message, for its history; the dashboard formats times and counts.
public enum MessageHistoryEvent: Sendable, Equatable {
    case enqueued(at: Nanos)
    case firstDelivered(at: Nanos)
    case delivered(times: Int, lastAt: Nanos)
    case delayed(until: Nanos)
    case inFlight(consumer: String?, until: Nanos)
    /// It failed `deliveries` times in `source` (its sequence there) and was dead-lettered at `at`.
    case deadLettered(source: String, sequence: Int64, deliveries: Int, firstDelivery: Nanos?, lastDelivery: Nanos?,
                      at: Nanos, reason: String)
    /// A stream consumer is working on it: attempt `attempt`, the last one failing with `lastError`.
    case attempt(consumer: String, attempt: Int, lastError: String?)
    /// What an engine says in its own words (a NATS advisory's reason).
    case note(String)
}

/// One record or message as the inspector shows it. Bytes are untrusted: the dashboard escapes them.
public struct InspectedMessage: Sendable, Equatable {
    public var offset: Int64?
    public var messageId: String?
    public var key: [UInt8]?
    public var headers: [Header]
    public var value: [UInt8]
    public var timestamp: Nanos
    /// Deliveries so far (for a dead letter, those in the queue it came from too); nil where the
    /// engine does not count them (a stream record nobody is working on).
    public var deliveryCount: Int?
    public var state: MessageState?
    /// Deliveries, retries, dead-lettering and redrive, oldest first.
    public var history: [MessageHistoryEvent]
    public init(offset: Int64? = nil, messageId: String? = nil, key: [UInt8]? = nil, headers: [Header] = [],
                value: [UInt8], timestamp: Nanos, deliveryCount: Int? = nil, state: MessageState? = nil,
                history: [MessageHistoryEvent] = []) {
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

/// One page of what a target holds.
public struct Inspection: Sendable, Equatable {
    /// How many messages a page holds at most.
    public static let pageSize = 100

    public var target: InspectTarget
    public var messages: [InspectedMessage]
    /// How many messages the target holds in all (a partition: its retained records), so the screen
    /// can say "101-117 of 117" and page on.
    public var total: Int
    /// How many of them come before this page.
    public var before: Int
    public init(target: InspectTarget, messages: [InspectedMessage], total: Int? = nil, before: Int = 0) {
        self.target = target; self.messages = messages; self.total = total ?? before + messages.count; self.before = before
    }

    /// Whether there is more after this page.
    public var hasMore: Bool { before + messages.count < total }
}
