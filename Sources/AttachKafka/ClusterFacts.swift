public import SluiceModel

/// One partition as one poll saw it: watermarks from ListOffsets, leader and replicas from Metadata.
public struct PartitionFacts: Sendable, Equatable {
    public var partition: Int
    /// Broker id of the leader; -1 when the partition has none.
    public var leader: Int
    public var replicas: [Int]
    public var inSyncReplicas: [Int]
    /// Log start and log end offsets (low and high watermarks).
    public var lowWatermark: Int64
    public var highWatermark: Int64
    /// Set when the watermarks could not be read this poll (the figures are then 0).
    public var error: String?

    public init(partition: Int, leader: Int = -1, replicas: [Int] = [], inSyncReplicas: [Int] = [],
                lowWatermark: Int64 = 0, highWatermark: Int64 = 0, error: String? = nil) {
        self.partition = partition; self.leader = leader; self.replicas = replicas
        self.inSyncReplicas = inSyncReplicas; self.lowWatermark = lowWatermark; self.highWatermark = highWatermark
        self.error = error
    }
}

public struct TopicFacts: Sendable, Equatable {
    public var name: String
    public var partitions: [PartitionFacts]
    public init(name: String, partitions: [PartitionFacts]) { self.name = name; self.partitions = partitions }
}

/// A topic and partition, as Kafka names a place in the cluster.
public struct TopicPartition: Sendable, Equatable, Hashable, Comparable {
    public var topic: String
    public var partition: Int
    public init(_ topic: String, _ partition: Int) { self.topic = topic; self.partition = partition }
    public static func < (a: TopicPartition, b: TopicPartition) -> Bool {
        (a.topic, a.partition) < (b.topic, b.partition)
    }
}

/// A group member as DescribeGroups reports it.
public struct GroupMemberFacts: Sendable, Equatable {
    public var memberID: String
    public var clientID: String
    public var host: String
    public var assignment: [TopicPartition]
    public init(memberID: String, clientID: String, host: String, assignment: [TopicPartition]) {
        self.memberID = memberID; self.clientID = clientID; self.host = host; self.assignment = assignment
    }
}

/// One consumer group as one poll saw it.
public struct GroupFacts: Sendable, Equatable {
    public var name: String
    /// `Stable`, `Empty`, `PreparingRebalance`...; nil when the cluster does not describe groups.
    public var state: String?
    /// `consumer` for Kafka consumers; empty for a group that only commits offsets.
    public var protocolType: String?
    /// The assignor the members agreed on (`range`, `roundrobin`, `cooperative-sticky`...).
    public var assignor: String?
    /// Nil when the cluster does not describe groups (so members are unknown, not zero).
    public var members: [GroupMemberFacts]?
    /// Committed offsets by partition.
    public var committed: [TopicPartition: Int64]
    /// Why something about the group could not be read this poll.
    public var problems: [String]

    public init(name: String, state: String? = nil, protocolType: String? = nil, assignor: String? = nil,
                members: [GroupMemberFacts]? = nil, committed: [TopicPartition: Int64] = [:], problems: [String] = []) {
        self.name = name; self.state = state; self.protocolType = protocolType; self.assignor = assignor
        self.members = members; self.committed = committed; self.problems = problems
    }

    /// The topics the group commits to or is assigned, sorted.
    public var topics: [String] {
        Set(committed.keys.map(\.topic) + (members ?? []).flatMap { $0.assignment.map(\.topic) }).sorted()
    }
}

/// Everything one poll read, stamped with the backend's run time.
public struct ClusterPoll: Sendable, Equatable {
    public var at: Nanos
    public var brokers: [Int]
    public var topics: [TopicFacts]
    public var groups: [GroupFacts]
    /// Set when the cluster does not list groups (librdkafka's mock cluster, old brokers): only named groups show.
    public var groupListing: String?
    public init(at: Nanos, brokers: [Int] = [], topics: [TopicFacts], groups: [GroupFacts], groupListing: String? = nil) {
        self.at = at; self.brokers = brokers; self.topics = topics; self.groups = groups; self.groupListing = groupListing
    }

    /// The log end offset of a partition, if the poll read it.
    public func highWatermark(_ place: TopicPartition) -> Int64? {
        topics.first { $0.name == place.topic }?.partitions.first { $0.partition == place.partition }?.highWatermark
    }
}
