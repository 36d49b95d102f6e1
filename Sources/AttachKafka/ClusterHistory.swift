import AttachSupport
public import SluiceModel

/// Turns successive polls of a Kafka cluster into the dashboard's topics, groups and dead-letter queues,
/// deriving rates from offset deltas between polls and keeping short histories.
///
/// A Kafka group may read several topics: it shows once, with the partitions of every topic it commits to or
/// is assigned. Lag is log end minus committed, per partition.
public struct ClusterHistory: Sendable {
    /// Samples kept per series: two minutes at the default poll interval.
    public static let historyLength = 120

    public let naming: DeadLetterNaming
    private var previous: ClusterPoll?
    private var lagSamples = SampleHistory(length: historyLength)
    private var depthSamples = SampleHistory(length: historyLength)
    private var throughputSamples = ThroughputHistory(length: historyLength)
    public private(set) var topics: [TopicSnapshot] = []
    public private(set) var groups: [GroupSnapshot] = []
    public private(set) var deadLetterQueues: [QueueSnapshot] = []
    public private(set) var throughput = ThroughputSnapshot()
    public private(set) var latest: ClusterPoll?

    public init(naming: DeadLetterNaming = DeadLetterNaming()) { self.naming = naming }

    /// Folds in one poll; rates compare it with the poll before.
    public mutating func record(_ poll: ClusterPoll) {
        let seconds = previous.map { Double(poll.at - $0.at) / Double(NanosPerUnit.second) } ?? 0
        let before = previous
        topics = poll.topics.map { topic(poll, $0, before: before, seconds: seconds) }
        groups = poll.groups.map { self.group($0, poll: poll, before: before, seconds: seconds) }
        // A Kafka group's name is the whole of its id.
        for index in groups.indices {
            groups[index].lagHistory = lagSamples.record(Double(groups[index].totalLag), for: groups[index].name)
        }
        lagSamples.keep(only: groups.map(\.name))
        deadLetterQueues = poll.topics.compactMap { deadLetterQueue($0) }
        depthSamples.keep(only: deadLetterQueues.map(\.name))
        throughput = throughputSamples.record(producedPerSecond: topics.reduce(0) { $0 + $1.producedPerSecond },
                                              consumedPerSecond: groups.reduce(0) { $0 + $1.consumedPerSecond })
        previous = poll
        latest = poll
    }

    // MARK: - Topics

    private func topic(_ poll: ClusterPoll, _ facts: TopicFacts, before: ClusterPoll?, seconds: Double) -> TopicSnapshot {
        let partitions = facts.partitions.map { partition in
            let rate = Self.rate(partition.highWatermark,
                                 before?.highWatermark(TopicPartition(facts.name, partition.partition)), seconds: seconds)
            var counters = Counters()
            counters.produced = partition.highWatermark
            return PartitionSnapshot(index: partition.partition, logStartOffset: partition.lowWatermark,
                                     logEndOffset: partition.highWatermark, producedPerSecond: rate, counters: counters)
        }
        var counters = Counters()
        counters.produced = partitions.reduce(0) { $0 + $1.logEndOffset }
        let produced = partitions.reduce(0) { $0 + $1.producedPerSecond }
        // The leaders first: the topic's row shows its details in order, and they are what a row has no column for.
        var details = [Detail("leaders", facts.partitions.map { "p\($0.partition)→\($0.leader >= 0 ? "\($0.leader)" : "none")" }
            .joined(separator: " "))]
        details += facts.partitions.map { partition in Detail("p\(partition.partition)", Self.describe(partition)) }
        if let source = naming.source(ofDeadLetterTopic: facts.name) {
            details.insert(Detail("dead letters of", source), at: 0)
        }
        let retryTopics = poll.topics.map(\.name).filter { DeadLetterNaming.source(ofRetryTopic: $0) == facts.name }
        if DeadLetterNaming.source(ofRetryTopic: facts.name) == nil && naming.source(ofDeadLetterTopic: facts.name) == nil {
            details.append(Detail("retries", retryTopics.isEmpty
                ? "not recorded by the cluster (no \(facts.name)-retry-N topics)"
                : retryTopics.map { name in "\(name): \(Self.retained(poll, name)) records" }.joined(separator: ", ")))
        }
        return TopicSnapshot(name: facts.name, partitions: partitions, counters: counters, producedPerSecond: produced,
                             details: details)
    }

    /// `log start 0, log end 10, leader 3, replicas 1,2,3 (in sync 1,2,3)`.
    static func describe(_ partition: PartitionFacts) -> String {
        if let error = partition.error { return "watermarks unread: \(error)" }
        let leader = partition.leader >= 0 ? "leader \(partition.leader)" : "no leader"
        let replicas = partition.replicas.map(String.init).joined(separator: ",")
        let inSync = partition.inSyncReplicas.map(String.init).joined(separator: ",")
        return "log start \(partition.lowWatermark), log end \(partition.highWatermark), \(leader), "
            + "replicas \(replicas.isEmpty ? "-" : replicas) (in sync \(inSync.isEmpty ? "-" : inSync))"
    }

    private static func retained(_ poll: ClusterPoll, _ topic: String) -> Int64 {
        poll.topics.first { $0.name == topic }?.partitions.reduce(0) { $0 + $1.highWatermark - $1.lowWatermark } ?? 0
    }

    // MARK: - Groups

    /// One group over every topic it commits to or is assigned: a Kafka group is a name with subscriptions.
    private func group(_ facts: GroupFacts, poll: ClusterPoll, before: ClusterPoll?, seconds: Double) -> GroupSnapshot {
        let owners = Dictionary((facts.members ?? []).flatMap { member in
            member.assignment.map { ($0, member.memberID) }
        }, uniquingKeysWith: { first, _ in first })
        let previousCommits = before?.groups.first { $0.name == facts.name }?.committed ?? [:]
        var uncommitted: [TopicPartition] = []
        let partitions = facts.topics.flatMap { topic in
            let topicFacts = poll.topics.first { $0.name == topic }
            // Every partition of the topic, so a partition nobody committed or owns still counts its records as lag.
            let places = Set(facts.committed.keys.filter { $0.topic == topic }.map(\.partition))
                .union(owners.keys.filter { $0.topic == topic }.map(\.partition))
                .union(topicFacts?.partitions.map(\.partition) ?? []).sorted()
            return places.map { index in
                let place = TopicPartition(topic, index)
                let partition = topicFacts?.partitions.first { $0.partition == index }
                let logEnd = partition?.highWatermark ?? facts.committed[place] ?? 0
                // No commit yet: counted from the log start, where auto.offset.reset=earliest would begin.
                let committed = facts.committed[place] ?? {
                    uncommitted.append(place)
                    return partition?.lowWatermark ?? 0
                }()
                let rate = Self.rate(committed, previousCommits[place], seconds: seconds)
                return GroupPartitionSnapshot(topic: topic, partition: index, committedOffset: committed, position: committed,
                                              logEndOffset: logEnd, owner: owners[place], consumedPerSecond: rate)
            }
        }
        let members = (facts.members ?? []).map { member in
            MemberSnapshot(id: member.memberID,
                           assigned: member.assignment.map { PartitionRef(topic: $0.topic, partition: $0.partition) }.sorted(),
                           processedPerSecond: partitions.filter { owners[TopicPartition($0.topic, $0.partition)] == member.memberID }
                               .reduce(0) { $0 + $1.consumedPerSecond })
        }
        var counters = Counters()
        counters.acked = partitions.reduce(0) { $0 + $1.committedOffset }
        let consumed = partitions.reduce(0) { $0 + $1.consumedPerSecond }
        return GroupSnapshot(id: GroupID(facts.name), subscriptions: facts.topics, strategy: facts.assignor ?? "-",
                             members: members, partitions: partitions, counters: counters, consumedPerSecond: consumed,
                             details: details(facts, partitions: partitions, uncommitted: uncommitted))
    }

    private func details(_ facts: GroupFacts, partitions: [GroupPartitionSnapshot],
                         uncommitted: [TopicPartition]) -> [Detail] {
        var details = [
            Detail("state", facts.state ?? "unknown"),
            Detail("protocol", [facts.protocolType, facts.assignor].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: ", ").nonEmpty ?? "-"),
        ]
        if let members = facts.members {
            details.append(Detail("members", "\(members.count)"))
            for member in members {
                let assigned = member.assignment.sorted().map { "\($0.topic)-\($0.partition)" }.joined(separator: ",")
                details.append(Detail("member \(member.clientID)",
                                      "host \(member.host), assigned \(assigned.isEmpty ? "nothing" : assigned), id \(member.memberID)"))
            }
        } else {
            details.append(Detail("members", "unknown (the cluster does not list or describe groups)"))
        }
        for partition in partitions {
            let note = uncommitted.contains(TopicPartition(partition.topic, partition.partition)) ? " (no commit: from the log start)" : ""
            details.append(Detail("\(partition.topic)-\(partition.partition)",
                                  "committed \(partition.committedOffset)\(note), log end \(partition.logEndOffset), lag \(partition.lag)"))
        }
        details += facts.problems.map { Detail("problem", $0) }
        return details
    }

    // MARK: - Dead letters

    private mutating func deadLetterQueue(_ facts: TopicFacts) -> QueueSnapshot? {
        guard let source = naming.source(ofDeadLetterTopic: facts.name),
              let topic = topics.first(where: { $0.name == facts.name }) else { return nil }
        let retained = topic.partitions.reduce(0) { $0 + $1.retained }
        let depthHistory = depthSamples.record(Double(retained), for: facts.name)
        var counters = Counters()
        counters.deadLettered = topic.counters.produced
        counters.produced = topic.counters.produced
        return QueueSnapshot(name: facts.name, waiting: Int(clamping: retained), deadLetterOf: [source],
                             counters: counters, depthHistory: depthHistory,
                             enqueuedPerSecond: topic.producedPerSecond)
    }

    // MARK: - Helpers

    /// Growth per second of an offset; 0 for the first poll or when it went back (a reset, a recreated topic).
    static func rate(_ now: Int64, _ before: Int64?, seconds: Double) -> Double {
        SampleHistory.rate(now, before, seconds: seconds)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
