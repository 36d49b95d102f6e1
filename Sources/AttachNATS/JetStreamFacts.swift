public import SluiceModel

/// One stream's state as one poll saw it, copied out of the C client's structs.
public struct StreamFacts: Sendable, Equatable {
    public var name: String
    public var subjects: [String]
    public var messages: UInt64
    public var bytes: UInt64
    public var firstSequence: UInt64
    public var lastSequence: UInt64
    /// UTC, nanoseconds since the Unix epoch; 0 when the stream is empty.
    public var firstTimeEpoch: Int64
    public var lastTimeEpoch: Int64
    public var consumerCount: Int64
    /// Limits as JetStream states them: -1 (or 0 for age) means unlimited.
    public var maxMessages: Int64
    public var maxBytes: Int64
    public var maxAge: Int64
    public var discard: RetentionDiscard
    /// "limits", "interest" or "workqueue".
    public var retention: String
    /// "file" or "memory".
    public var storage: String
    public var replicas: Int64
    /// The dedupe window for message ids, in nanoseconds.
    public var duplicateWindow: Int64
    /// The stream this one mirrors: JetStream fills a mirror from its origin and nothing else.
    public var mirrorOf: String?
    /// A sealed stream takes no new messages and loses none.
    public var sealed: Bool

    public init(name: String, subjects: [String] = [], messages: UInt64 = 0, bytes: UInt64 = 0,
                firstSequence: UInt64 = 0, lastSequence: UInt64 = 0, firstTimeEpoch: Int64 = 0,
                lastTimeEpoch: Int64 = 0, consumerCount: Int64 = 0, maxMessages: Int64 = -1,
                maxBytes: Int64 = -1, maxAge: Int64 = 0, discard: RetentionDiscard = .old, retention: String = "limits",
                storage: String = "file", replicas: Int64 = 1, duplicateWindow: Int64 = 0,
                mirrorOf: String? = nil, sealed: Bool = false) {
        self.name = name; self.subjects = subjects; self.messages = messages; self.bytes = bytes
        self.firstSequence = firstSequence; self.lastSequence = lastSequence
        self.firstTimeEpoch = firstTimeEpoch; self.lastTimeEpoch = lastTimeEpoch
        self.consumerCount = consumerCount; self.maxMessages = maxMessages; self.maxBytes = maxBytes
        self.maxAge = maxAge; self.discard = discard; self.retention = retention; self.storage = storage
        self.replicas = replicas; self.duplicateWindow = duplicateWindow
        self.mirrorOf = mirrorOf; self.sealed = sealed
    }

    /// The sequence the next message will get: the stream's log end offset.
    public var logEndOffset: Int64 { Int64(clamping: lastSequence) + 1 }
    /// The first retained sequence; equal to the log end when nothing is retained.
    public var logStartOffset: Int64 { messages == 0 ? logEndOffset : Int64(clamping: firstSequence) }
}

/// One consumer's state as one poll saw it.
public struct ConsumerFacts: Sendable, Equatable {
    public var stream: String
    public var name: String
    public var durable: Bool
    /// Pull consumers have no deliver subject; push consumers do.
    public var pull: Bool
    public var filterSubject: String?
    /// "explicit", "none" or "all".
    public var ackPolicy: String
    public var ackWait: Int64
    /// -1 means unlimited.
    public var maxDeliver: Int64
    /// -1 means unlimited.
    public var maxAckPending: Int64
    /// Deliveries so far (redeliveries included) and the last stream sequence delivered.
    public var deliveredConsumerSequence: UInt64
    public var deliveredStreamSequence: UInt64
    /// Everything at or below these sequences is acknowledged.
    public var ackFloorConsumerSequence: UInt64
    public var ackFloorStreamSequence: UInt64
    /// Delivered and not yet acknowledged.
    public var numAckPending: Int64
    /// Pending messages that were delivered more than once.
    public var numRedelivered: Int64
    /// Pull requests waiting on the server.
    public var numWaiting: Int64
    /// Messages matching the consumer that it has not been handed yet.
    public var numPending: UInt64
    public var pushBound: Bool
    /// Known only from servers that report it (2.11+); false otherwise.
    public var paused: Bool

    public init(stream: String, name: String, durable: Bool = true, pull: Bool = true, filterSubject: String? = nil,
                ackPolicy: String = "explicit", ackWait: Int64 = 30_000_000_000, maxDeliver: Int64 = -1,
                maxAckPending: Int64 = -1, deliveredConsumerSequence: UInt64 = 0, deliveredStreamSequence: UInt64 = 0,
                ackFloorConsumerSequence: UInt64 = 0, ackFloorStreamSequence: UInt64 = 0, numAckPending: Int64 = 0,
                numRedelivered: Int64 = 0, numWaiting: Int64 = 0, numPending: UInt64 = 0, pushBound: Bool = false,
                paused: Bool = false) {
        self.stream = stream; self.name = name; self.durable = durable; self.pull = pull
        self.filterSubject = filterSubject; self.ackPolicy = ackPolicy; self.ackWait = ackWait
        self.maxDeliver = maxDeliver; self.maxAckPending = maxAckPending
        self.deliveredConsumerSequence = deliveredConsumerSequence
        self.deliveredStreamSequence = deliveredStreamSequence
        self.ackFloorConsumerSequence = ackFloorConsumerSequence; self.ackFloorStreamSequence = ackFloorStreamSequence
        self.numAckPending = numAckPending; self.numRedelivered = numRedelivered; self.numWaiting = numWaiting
        self.numPending = numPending; self.pushBound = pushBound; self.paused = paused
    }

    /// A JetStream consumer is named within its stream.
    public var groupID: GroupID { GroupID(name, stream: stream) }
}

/// Everything one poll read, stamped with the backend's run time.
public struct JetStreamPoll: Sendable, Equatable {
    public var at: Nanos
    public var streams: [StreamFacts]
    public var consumers: [ConsumerFacts]
    public init(at: Nanos, streams: [StreamFacts], consumers: [ConsumerFacts]) {
        self.at = at; self.streams = streams; self.consumers = consumers
    }
}
