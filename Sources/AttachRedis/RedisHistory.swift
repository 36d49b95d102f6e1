public import AttachSupport
public import SluiceModel

/// Turns successive polls into the dashboard's topics, groups and queues, deriving rates and short histories.
///
/// A stream is a topic with one partition whose offsets count entries ever added (Redis 7's
/// entries-added): log end = entries added, log start = that less the length. A group's committed
/// offset sits its lag below the log end, so the seam's lag is Redis's; its consumers are members
/// whose in-flight count is their pending count. Each group's pending list is also a queue
/// (`stream/group`) of in-flight messages, and a dead-letter stream paired by name is that queue's DLQ.
/// The queue lists no consumers: they show once, as the group's members.
public struct RedisHistory: Sendable {
    /// Samples kept per series: two minutes at the default poll interval.
    public static let historyLength = 120

    /// UTC nanoseconds at run time zero, which places entry ids (milliseconds) on the run's clock.
    public let epochAtStart: Int64
    public let deadLetterPatterns: [DeadLetterPattern]
    private var previous: RedisPoll?
    private var lagSamples = SampleHistory(length: historyLength)
    private var depthSamples = SampleHistory(length: historyLength)
    private var throughputSamples = ThroughputHistory(length: historyLength)
    public private(set) var pairing = DeadLetterPairing(streams: [], patterns: [])
    public private(set) var topics: [TopicSnapshot] = []
    public private(set) var groups: [GroupSnapshot] = []
    public private(set) var queues: [QueueSnapshot] = []
    public private(set) var throughput = ThroughputSnapshot()

    public init(epochAtStart: Int64, deadLetterPatterns: [DeadLetterPattern] = RedisConnectionOptions.conventionalDeadLetterPatterns) {
        self.epochAtStart = epochAtStart; self.deadLetterPatterns = deadLetterPatterns
    }

    /// Places a UTC epoch timestamp on the run's clock.
    public func runTime(epochNanos: Int64) -> Nanos { epochNanos - epochAtStart }

    /// Folds in one poll; rates compare it with the poll before.
    public mutating func record(_ poll: RedisPoll) {
        let seconds = previous.map { Double(poll.at - $0.at) / Double(NanosPerUnit.second) } ?? 0
        let streamsBefore = Dictionary(previous?.streams.map { ($0.name, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let groupsBefore = Dictionary(previous?.groups.map { ($0.groupID, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let streams = Dictionary(poll.streams.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        pairing = DeadLetterPairing(streams: poll.streams.map(\.name), patterns: deadLetterPatterns)

        topics = poll.streams.filter { pairing.sourceOf[$0.name] == nil }.map { stream in
            let before = streamsBefore[stream.name]
            return topic(stream, before: before,
                         producedPerSecond: Self.rate(stream.entriesAdded, before?.entriesAdded, seconds: seconds))
        }
        groups = poll.groups.map { facts in
            let lagHistory = lagSamples.record(Double(facts.undelivered ?? 0), for: facts.groupID)
            let readPerSecond = Self.rate(facts.entriesRead, groupsBefore[facts.groupID]?.entriesRead, seconds: seconds)
            return group(facts, stream: streams[facts.stream], readPerSecond: readPerSecond, lagHistory: lagHistory)
        }
        lagSamples.keep(only: groups.map(\.id.description))
        var queues = poll.groups.map { facts in
            pendingQueue(facts, stream: streams[facts.stream], streamBefore: streamsBefore[facts.stream],
                         before: groupsBefore[facts.groupID], seconds: seconds)
        }
        for stream in poll.streams {
            guard let source = pairing.sourceOf[stream.name] else { continue }
            queues.append(deadLetterQueue(stream, source: source, before: streamsBefore[stream.name], at: poll.at,
                                          seconds: seconds))
        }
        self.queues = queues
        depthSamples.keep(only: queues.map(\.name))
        throughput = throughputSamples.record(producedPerSecond: topics.reduce(0) { $0 + $1.producedPerSecond },
                                              consumedPerSecond: groups.reduce(0) { $0 + $1.consumedPerSecond })
        previous = poll
    }

    // MARK: - Streams

    private func topic(_ stream: RedisStreamFacts, before: RedisStreamFacts?, producedPerSecond: Double) -> TopicSnapshot {
        let held = stream.length > 0
        let partition = PartitionSnapshot(
            index: 0, logStartOffset: stream.logStartOffset, logEndOffset: stream.entriesAdded,
            producedPerSecond: producedPerSecond,
            firstTimestamp: held ? stream.firstEntryID.map { runTime(epochNanos: $0.epochNanos) } : nil,
            lastTimestamp: held ? stream.lastEntryID.map { runTime(epochNanos: $0.epochNanos) } : nil)
        var counters = Counters()
        counters.produced = stream.entriesAdded
        let cap = Self.inferredCap(stream, before: before)
        var details = [
            Detail("length", "\(stream.length)"),
            Detail("first id", stream.firstEntryID?.description ?? "-"),
            Detail("last id", stream.lastEntryID?.description ?? "-"),
            Detail("last generated id", stream.lastGeneratedID.description),
            Detail("entries added", "\(stream.entriesAdded)"),
            Detail("trimmed or deleted", "\(stream.logStartOffset)"),
            Detail("retention", cap.map { "MAXLEN ~\($0) (inferred: the length held while entries were added)" }
                ?? "not kept by Redis: each XADD or XTRIM trims (MAXLEN or MINID)"),
            Detail("groups", "\(stream.groupCount)"),
        ]
        if let deleted = stream.maxDeletedEntryID { details.append(Detail("max deleted id", deleted.description)) }
        if let dlq = pairing.deadLetterStream(of: stream.name) { details.append(Detail("dead-letter stream", dlq)) }
        return TopicSnapshot(name: stream.name, partitions: [partition],
                             retention: RetentionInfo(maxMessages: cap.map { Int(clamping: $0) }), counters: counters,
                             producedPerSecond: producedPerSecond, details: details)
    }

    /// A length that stayed put while entries were added and old ones went: a MAXLEN cap, as far as one can tell.
    static func inferredCap(_ stream: RedisStreamFacts, before: RedisStreamFacts?) -> Int64? {
        guard let before, stream.length > 0, stream.length == before.length, stream.entriesAdded > before.entriesAdded,
              stream.logStartOffset > before.logStartOffset else { return nil }
        return stream.length
    }

    // MARK: - Groups

    private func group(_ facts: RedisGroupFacts, stream: RedisStreamFacts?, readPerSecond: Double,
                       lagHistory: Series) -> GroupSnapshot {
        let logEnd = stream?.entriesAdded ?? facts.entriesRead ?? 0
        let committed = logEnd - (facts.undelivered ?? 0)
        let partition = GroupPartitionSnapshot(topic: facts.stream, partition: 0, committedOffset: committed, position: committed,
                                               logEndOffset: logEnd, consumedPerSecond: readPerSecond)
        let pendingByConsumer = Dictionary(grouping: facts.pendingEntries, by: \.consumer)
        let members = facts.consumers.map { consumer in
            var counters = Counters()
            let sample = pendingByConsumer[consumer.name] ?? []
            counters.redelivered = Int64(sample.filter { $0.deliveries > 1 }.count)
            var member = MemberSnapshot(id: consumer.name, assigned: [partition.ref], counters: counters,
                                        inFlight: Int(clamping: consumer.pending))
            // The entry it was handed most often, if it came back: what stalls work in a Redis group.
            if let worst = sample.filter({ $0.deliveries > 1 && $0.offset != nil }).max(by: { $0.deliveries < $1.deliveries }),
               let offset = worst.offset {
                member.stuck = StuckRecord(partition: partition.ref, offset: offset, attempt: Int(clamping: worst.deliveries),
                                           lastError: "entry \(worst.id), pending \(Self.millis(worst.idleMillis)); skipping moves it to the dead-letter stream")
            }
            return member
        }
        var counters = Counters()
        counters.delivered = facts.entriesRead ?? 0
        counters.redelivered = Int64(facts.pendingEntries.filter { $0.deliveries > 1 }.count)
        return GroupSnapshot(id: facts.id, subscriptions: [facts.stream], strategy: "consumer group", members: members,
                             partitions: [partition], counters: counters, consumedPerSecond: readPerSecond,
                             lagHistory: lagHistory, details: Self.details(facts))
    }

    private static func details(_ facts: RedisGroupFacts) -> [Detail] {
        let lag: String
        if let known = facts.lag {
            lag = "\(known)"
        } else if let counted = facts.countedLag {
            lag = (counted.atLeast ? "at least " : "") + "\(counted.count) (counted by Sluice: Redis cannot say after deletions or a move to an arbitrary id)"
        } else {
            lag = "unknown"
        }
        var details = [
            Detail("last delivered id", facts.lastDeliveredID.description),
            Detail("entries read", facts.entriesRead.map { "\($0)" } ?? "unknown"),
            Detail("lag", lag),
            Detail("pending", "\(facts.pending)"),
            Detail("consumers", "\(facts.consumerCount)"),
        ]
        if let oldest = facts.pendingEntries.first {
            details.append(Detail("oldest pending", "\(oldest.id) (\(oldest.consumer), idle \(Self.millis(oldest.idleMillis)), delivered \(oldest.deliveries)x)"))
        }
        for consumer in facts.consumers {
            let inactive = consumer.inactiveMillis.map { ", inactive " + Self.millis($0) } ?? ""
            details.append(Detail("consumer \(consumer.name)",
                                  "pending \(consumer.pending), idle \(Self.millis(consumer.idleMillis))\(inactive)"))
        }
        return details
    }

    // MARK: - Queues

    /// A group's pending list as a queue of in-flight messages; what the group has not been handed yet waits.
    private mutating func pendingQueue(_ facts: RedisGroupFacts, stream: RedisStreamFacts?, streamBefore: RedisStreamFacts?,
                                       before: RedisGroupFacts?, seconds: Double) -> QueueSnapshot {
        var counters = Counters()
        counters.delivered = facts.entriesRead ?? 0
        counters.redelivered = Int64(facts.pendingEntries.filter { $0.deliveries > 1 }.count)
        let oldestIdle = facts.pendingEntries.map(\.idleMillis).max()
        let depthHistory = depthSamples.record(Double(facts.pending + (facts.undelivered ?? 0)), for: facts.groupID)
        // Acknowledged = handed out less what is still pending, between two polls.
        var ackedPerSecond = 0.0
        if let before, let read = facts.entriesRead, let readBefore = before.entriesRead, seconds > 0 {
            ackedPerSecond = max(0, Double((read - readBefore) - (facts.pending - before.pending)) / seconds)
        }
        return QueueSnapshot(
            name: facts.groupID, waiting: Int(clamping: facts.undelivered ?? 0), inFlight: Int(clamping: facts.pending),
            ackDeadline: 0, deadLetterQueue: pairing.deadLetterStream(of: facts.stream), counters: counters,
            oldestUnackedAge: oldestIdle.map { $0 * NanosPerUnit.millisecond },
            attemptsHistogram: Self.deliveryHistogram(facts.pendingEntries),
            depthHistory: depthHistory,
            enqueuedPerSecond: Self.rate(stream?.entriesAdded, streamBefore?.entriesAdded, seconds: seconds),
            ackedPerSecond: ackedPerSecond)
    }

    /// Index i counts sampled pending entries handed out i+1 times.
    static func deliveryHistogram(_ entries: [RedisPendingEntry]) -> [Int64] {
        let most = Int(clamping: entries.map(\.deliveries).max() ?? 0)
        guard most > 0 else { return [] }
        var histogram = [Int64](repeating: 0, count: min(most, 64))
        for entry in entries where entry.deliveries > 0 { histogram[min(Int(clamping: entry.deliveries), 64) - 1] += 1 }
        return histogram
    }

    /// A dead-letter stream as a queue that only grows until someone reads it.
    private mutating func deadLetterQueue(_ stream: RedisStreamFacts, source: String, before: RedisStreamFacts?,
                                          at: Nanos, seconds: Double) -> QueueSnapshot {
        var counters = Counters()
        counters.produced = stream.entriesAdded
        let depthHistory = depthSamples.record(Double(stream.length), for: stream.name)
        let oldest = stream.length > 0 ? stream.firstEntryID.map { max(0, epochAtStart + at - $0.epochNanos) } : nil
        return QueueSnapshot(name: stream.name, waiting: Int(clamping: stream.length), ackDeadline: 0, deadLetterOf: [source],
                             counters: counters, oldestWaitingAge: oldest, depthHistory: depthHistory,
                             enqueuedPerSecond: Self.rate(stream.entriesAdded, before?.entriesAdded, seconds: seconds))
    }

    // MARK: - Helpers

    static func rate(_ now: Int64?, _ before: Int64?, seconds: Double) -> Double {
        SampleHistory.rate(now, before, seconds: seconds)
    }

    static func millis(_ millis: Int64) -> String { DurationText.format(millis * NanosPerUnit.millisecond) }
}
