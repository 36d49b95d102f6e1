/// Counters shared by topics, partitions, groups, members and queues. Monotonic.
public struct Counters: Sendable, Equatable {
    public var produced: Int64 = 0
    public var delivered: Int64 = 0
    public var acked: Int64 = 0
    public var nacked: Int64 = 0
    public var redelivered: Int64 = 0
    public var deadLettered: Int64 = 0
    public var rejected: Int64 = 0
    public var dropped: Int64 = 0
    /// Of `dropped`, the drop-oldest overflows that went to the dead-letter queue (so also in `deadLettered`).
    public var droppedToDeadLetter: Int64 = 0
    public var duplicates: Int64 = 0
    public var blocked: Int64 = 0
    /// Records a person chose to commit past without processing them (a stuck record skipped).
    public var skipped: Int64 = 0
    public init() {}
}

public struct RetentionInfo: Sendable, Equatable {
    public var maxMessages: Int?
    public var maxBytes: Int?
    public var maxAge: Nanos?
    public var discard: RetentionDiscard
    public init(maxMessages: Int? = nil, maxBytes: Int? = nil, maxAge: Nanos? = nil, discard: RetentionDiscard = .old) {
        self.maxMessages = maxMessages; self.maxBytes = maxBytes; self.maxAge = maxAge; self.discard = discard
    }
}

public struct TopicSnapshot: Sendable, Equatable {
    public var name: String
    public var partitions: [PartitionSnapshot]
    public var retention: RetentionInfo
    public var counters: Counters
    public var producedPerSecond: Double
    /// Engine-specific facts worth showing (JetStream subjects, first/last time...), as label/value.
    public var details: [Detail]
    public init(name: String, partitions: [PartitionSnapshot], retention: RetentionInfo = .init(),
                counters: Counters = .init(), producedPerSecond: Double = 0, details: [Detail] = []) {
        self.name = name; self.partitions = partitions; self.retention = retention
        self.counters = counters; self.producedPerSecond = producedPerSecond; self.details = details
    }
}

public struct Detail: Sendable, Equatable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) { self.label = label; self.value = value }
}

public struct PartitionSnapshot: Sendable, Equatable {
    public var index: Int
    public var logStartOffset: Int64
    public var logEndOffset: Int64
    public var bytes: Int64
    public var producedPerSecond: Double
    /// Timestamps of the first and last retained records, if any.
    public var firstTimestamp: Nanos?
    public var lastTimestamp: Nanos?
    /// Produced and rejected (retention) records of this partition.
    public var counters: Counters
    /// The keys it sees most, hottest first, with estimated record counts; empty where unknown.
    public var hotKeys: [KeyCount]
    public init(index: Int, logStartOffset: Int64, logEndOffset: Int64, bytes: Int64 = 0,
                producedPerSecond: Double = 0, firstTimestamp: Nanos? = nil, lastTimestamp: Nanos? = nil,
                counters: Counters = .init(), hotKeys: [KeyCount] = []) {
        self.index = index; self.logStartOffset = logStartOffset; self.logEndOffset = logEndOffset
        self.bytes = bytes; self.producedPerSecond = producedPerSecond
        self.firstTimestamp = firstTimestamp; self.lastTimestamp = lastTimestamp; self.counters = counters
        self.hotKeys = hotKeys
    }
    public var retained: Int64 { logEndOffset - logStartOffset }
}

/// A record key and about how many records carried it.
public struct KeyCount: Sendable, Equatable {
    /// Untrusted bytes: escaped before they are shown.
    public var key: [UInt8]
    public var records: Int64
    public init(key: [UInt8], records: Int64) { self.key = key; self.records = records }
}

/// One consumer group: its name, the topics it subscribes to, and its partitions of each.
public struct GroupSnapshot: Sendable, Equatable {
    public var id: GroupID
    /// The topics it reads, in name order: one for a group named within its stream, any number for a Kafka group.
    public var subscriptions: [String]
    public var generation: Int
    /// The assignment strategy in the engine's words (`range`, `cooperative-sticky`, `pull`): shown, never matched.
    public var strategy: String
    /// Paused as a whole (every member, every partition), as the broker holds it.
    public var paused: Bool
    public var members: [MemberSnapshot]
    /// Topic by topic in subscription order, each topic's partitions in index order.
    public var partitions: [GroupPartitionSnapshot]
    public var counters: Counters
    public var consumedPerSecond: Double
    /// Total lag, one sample per second.
    public var lagHistory: Series
    /// Engine-specific facts worth showing (JetStream ack floor vs delivered sequences...), as label/value.
    public var details: [Detail]
    public init(id: GroupID, subscriptions: [String], generation: Int = 0, strategy: String = "range", paused: Bool = false,
                members: [MemberSnapshot] = [], partitions: [GroupPartitionSnapshot] = [],
                counters: Counters = .init(), consumedPerSecond: Double = 0, lagHistory: Series = .init(),
                details: [Detail] = []) {
        self.id = id; self.subscriptions = subscriptions; self.generation = generation; self.strategy = strategy
        self.paused = paused; self.members = members; self.partitions = partitions; self.counters = counters
        self.consumedPerSecond = consumedPerSecond; self.lagHistory = lagHistory; self.details = details
    }
    public var name: String { id.name }
    public var totalLag: Int64 { partitions.reduce(0) { $0 + $1.lag } }

    /// Whether it reads `topic`.
    public func reads(_ topic: String) -> Bool { subscriptions.contains(topic) }

    /// Its state of one partition. Partitions are listed topic by topic in index order, so partition i of a
    /// topic is most often i places after the topic's first.
    public func partition(_ ref: PartitionRef) -> GroupPartitionSnapshot? {
        guard let first = partitions.firstIndex(where: { $0.topic == ref.topic }) else { return nil }
        let guess = first + ref.partition
        if partitions.indices.contains(guess), partitions[guess].ref == ref { return partitions[guess] }
        return partitions[first...].first { $0.ref == ref }
    }

    /// Lag per topic, in subscription order.
    public var lagByTopic: [(topic: String, lag: Int64)] {
        var lags: [String: Int64] = [:]
        for partition in partitions { lags[partition.topic, default: 0] += partition.lag }
        return subscriptions.map { ($0, lags[$0] ?? 0) }
    }
}

public struct GroupPartitionSnapshot: Sendable, Equatable {
    public var topic: String
    public var partition: Int
    public var committedOffset: Int64
    /// The next offset the owner will be handed (committed plus anything delivered, not yet committed).
    public var position: Int64
    public var logEndOffset: Int64
    public var owner: String?
    public var paused: Bool
    /// Records handed to the group from this partition per second, over the last few seconds.
    public var consumedPerSecond: Double
    public init(topic: String, partition: Int, committedOffset: Int64, position: Int64, logEndOffset: Int64,
                owner: String? = nil, paused: Bool = false, consumedPerSecond: Double = 0) {
        self.topic = topic; self.partition = partition; self.committedOffset = committedOffset; self.position = position
        self.logEndOffset = logEndOffset; self.owner = owner; self.paused = paused
        self.consumedPerSecond = consumedPerSecond
    }
    public var ref: PartitionRef { PartitionRef(topic: topic, partition: partition) }
    /// Lag = log end offset - committed offset.
    public var lag: Int64 { max(0, logEndOffset - committedOffset) }
}

public struct MemberSnapshot: Sendable, Equatable {
    public var id: String
    public var assigned: [PartitionRef]
    public var paused: Bool
    public var pausedPartitions: [PartitionRef]
    public var counters: Counters
    public var processedPerSecond: Double
    public var errorRate: Double
    public var inFlight: Int
    public var maxInFlight: Int?
    /// Set while the member retries one record in place and everything behind it waits.
    public var stuck: StuckRecord?
    /// A real client's own id and host ("/127.0.0.1"), untrusted; nil for a simulated member.
    public var clientId: String?
    public var clientHost: String?
    public init(id: String, assigned: [PartitionRef] = [], paused: Bool = false, pausedPartitions: [PartitionRef] = [],
                counters: Counters = .init(), processedPerSecond: Double = 0, errorRate: Double = 0,
                inFlight: Int = 0, maxInFlight: Int? = nil, clientId: String? = nil, clientHost: String? = nil) {
        self.id = id; self.assigned = assigned; self.paused = paused; self.pausedPartitions = pausedPartitions
        self.counters = counters; self.processedPerSecond = processedPerSecond; self.errorRate = errorRate
        self.inFlight = inFlight; self.maxInFlight = maxInFlight; self.clientId = clientId; self.clientHost = clientHost
    }
}

/// The record a member keeps retrying: where it is, how many attempts so far, and why the last failed.
public struct StuckRecord: Sendable, Equatable {
    public var partition: PartitionRef
    public var offset: Int64
    public var attempt: Int
    public var lastError: String?
    public init(partition: PartitionRef, offset: Int64, attempt: Int, lastError: String? = nil) {
        self.partition = partition; self.offset = offset; self.attempt = attempt; self.lastError = lastError
    }

    /// `p2@270, attempt 7, last error: poison message`.
    public var description: String {
        "p\(partition.partition)@\(offset), attempt \(attempt)" + (lastError.map { ", last error: " + $0 } ?? "")
    }
}
