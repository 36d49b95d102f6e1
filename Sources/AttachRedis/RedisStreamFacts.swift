public import SluiceModel

/// One stream as `XINFO STREAM` described it in one poll.
public struct RedisStreamFacts: Sendable, Equatable {
    public var name: String
    public var length: Int64
    public var groupCount: Int64
    public var lastGeneratedID: RedisEntryID
    /// Entries ever added (Redis 7); the stream's log end offset.
    public var entriesAdded: Int64
    public var maxDeletedEntryID: RedisEntryID?
    public var firstEntryID: RedisEntryID?
    public var lastEntryID: RedisEntryID?

    public init(name: String, length: Int64, groupCount: Int64 = 0, lastGeneratedID: RedisEntryID = .zero,
                entriesAdded: Int64, maxDeletedEntryID: RedisEntryID? = nil, firstEntryID: RedisEntryID? = nil,
                lastEntryID: RedisEntryID? = nil) {
        self.name = name; self.length = length; self.groupCount = groupCount; self.lastGeneratedID = lastGeneratedID
        self.entriesAdded = entriesAdded; self.maxDeletedEntryID = maxDeletedEntryID
        self.firstEntryID = firstEntryID; self.lastEntryID = lastEntryID
    }

    /// Reads an `XINFO STREAM` reply; nil when it is not one.
    public init?(name: String, reply: RedisReply) {
        guard let fields = reply.fields, let length = fields.integer("length") else { return nil }
        self.name = name
        self.length = length
        groupCount = fields.integer("groups") ?? 0
        lastGeneratedID = fields.entryID("last-generated-id") ?? .zero
        // Before Redis 7 there is no entries-added; the length is the best log end there is.
        entriesAdded = fields.integer("entries-added") ?? length
        maxDeletedEntryID = fields.entryID("max-deleted-entry-id").flatMap { $0 == .zero ? nil : $0 }
        firstEntryID = Self.entryID(fields["first-entry"])
        lastEntryID = Self.entryID(fields["last-entry"])
    }

    /// The id of an `[id, [field, value...]]` entry.
    static func entryID(_ entry: RedisReply?) -> RedisEntryID? {
        entry?.elements?.first?.text.flatMap(RedisEntryID.init)
    }

    /// The offset of the first entry still held: entries added less those trimmed or deleted.
    public var logStartOffset: Int64 { max(0, entriesAdded - length) }
}

/// One consumer group as `XINFO GROUPS` described it, with its consumers and a sample of its pending list.
public struct RedisGroupFacts: Sendable, Equatable {
    public var stream: String
    public var name: String
    public var consumerCount: Int64
    public var pending: Int64
    public var lastDeliveredID: RedisEntryID
    /// Entries the group has been handed, counted by Redis (7+); nil where Redis cannot say.
    public var entriesRead: Int64?
    /// Entries not handed to the group yet, by Redis (7+); nil where Redis cannot say.
    public var lag: Int64?
    /// Set when Redis gave no lag and Sluice counted the entries after the last-delivered id itself.
    public var countedLag: CountedLag?
    public var consumers: [RedisConsumerFacts]
    /// The oldest pending entries (`XPENDING ... - + COUNT n`), oldest first.
    public var pendingEntries: [RedisPendingEntry]

    /// Entries after the last-delivered id, as Sluice counted them, up to a bound.
    public struct CountedLag: Sendable, Equatable {
        public var count: Int64
        /// The count stopped at the bound: there are at least `count`.
        public var atLeast: Bool
        public init(count: Int64, atLeast: Bool) { self.count = count; self.atLeast = atLeast }
    }

    public init(stream: String, name: String, consumerCount: Int64 = 0, pending: Int64 = 0,
                lastDeliveredID: RedisEntryID = .zero, entriesRead: Int64? = nil, lag: Int64? = nil,
                countedLag: CountedLag? = nil, consumers: [RedisConsumerFacts] = [], pendingEntries: [RedisPendingEntry] = []) {
        self.stream = stream; self.name = name; self.consumerCount = consumerCount; self.pending = pending
        self.lastDeliveredID = lastDeliveredID; self.entriesRead = entriesRead; self.lag = lag
        self.countedLag = countedLag; self.consumers = consumers; self.pendingEntries = pendingEntries
    }

    /// Reads one element of an `XINFO GROUPS` reply; nil when it is not one.
    public init?(stream: String, reply: RedisReply) {
        guard let fields = reply.fields, let name = fields.text("name") else { return nil }
        self.init(stream: stream, name: name, consumerCount: fields.integer("consumers") ?? 0,
                  pending: fields.integer("pending") ?? 0,
                  lastDeliveredID: fields.entryID("last-delivered-id") ?? .zero,
                  entriesRead: fields.integer("entries-read"), lag: fields.integer("lag"))
    }

    /// `stream/group`, the id the dashboard uses.
    /// A Redis group is named within its stream.
    public var id: GroupID { GroupID(name, stream: stream) }
    /// `stream/group`: the name of the group's pending list on the Queues panel, and the key its histories keep.
    public var groupID: String { id.description }

    /// Entries not yet handed to the group: Redis's lag, else Sluice's own count.
    public var undelivered: Int64? { lag ?? countedLag?.count }
}

/// One consumer of a group as `XINFO CONSUMERS` described it.
public struct RedisConsumerFacts: Sendable, Equatable {
    public var name: String
    public var pending: Int64
    /// Since the consumer last tried to read or claim.
    public var idleMillis: Int64
    /// Since its last successful read or claim (Redis 7.2+); nil on older servers.
    public var inactiveMillis: Int64?

    public init(name: String, pending: Int64 = 0, idleMillis: Int64 = 0, inactiveMillis: Int64? = nil) {
        self.name = name; self.pending = pending; self.idleMillis = idleMillis; self.inactiveMillis = inactiveMillis
    }

    /// Reads one element of an `XINFO CONSUMERS` reply.
    public init?(reply: RedisReply) {
        guard let fields = reply.fields, let name = fields.text("name") else { return nil }
        let inactive = fields.integer("inactive")
        self.init(name: name, pending: fields.integer("pending") ?? 0, idleMillis: fields.integer("idle") ?? 0,
                  inactiveMillis: inactive.flatMap { $0 >= 0 ? $0 : nil })
    }
}

/// One entry of a group's pending list (`XPENDING key group - + n`): handed to a consumer, not acknowledged.
public struct RedisPendingEntry: Sendable, Equatable {
    public var id: RedisEntryID
    public var consumer: String
    public var idleMillis: Int64
    public var deliveries: Int64
    /// Its offset in the stream (entries added before it), where Sluice worked it out: for stuck entries only.
    public var offset: Int64?

    public init(id: RedisEntryID, consumer: String, idleMillis: Int64, deliveries: Int64, offset: Int64? = nil) {
        self.id = id; self.consumer = consumer; self.idleMillis = idleMillis; self.deliveries = deliveries
        self.offset = offset
    }

    /// Reads one element of an extended `XPENDING` reply: `[id, consumer, idle, deliveries]`.
    public init?(reply: RedisReply) {
        guard let parts = reply.elements, parts.count == 4, let id = parts[0].text.flatMap(RedisEntryID.init),
              let consumer = parts[1].text, let idle = parts[2].integer, let deliveries = parts[3].integer else { return nil }
        self.init(id: id, consumer: consumer, idleMillis: idle, deliveries: deliveries)
    }
}

/// Everything one poll read, stamped with the backend's run time.
public struct RedisPoll: Sendable, Equatable {
    public var at: Int64
    public var streams: [RedisStreamFacts]
    public var groups: [RedisGroupFacts]
    public init(at: Int64, streams: [RedisStreamFacts], groups: [RedisGroupFacts]) {
        self.at = at; self.streams = streams; self.groups = groups
    }
}
