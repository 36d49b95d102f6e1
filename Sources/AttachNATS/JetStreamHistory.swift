import AttachSupport
public import SluiceModel

/// Turns successive polls into the dashboard's topics and groups, deriving rates and short histories.
///
/// A stream is a topic with one partition whose offsets are stream sequences (log end = last
/// sequence + 1). A consumer is a group whose lag is JetStream's NumPending and whose single
/// member carries NumAckPending against MaxAckPending as its in-flight gauge.
public struct JetStreamHistory: Sendable {
    /// Samples kept per series: two minutes at the default poll interval.
    public static let historyLength = 120

    /// UTC nanoseconds at run time zero, which places JetStream's timestamps on the run's clock.
    public let epochAtStart: Int64
    private var previous: JetStreamPoll?
    private var lagSamples = SampleHistory(length: historyLength)
    private var throughputSamples = ThroughputHistory(length: historyLength)
    public private(set) var topics: [TopicSnapshot] = []
    public private(set) var groups: [GroupSnapshot] = []
    public private(set) var throughput = ThroughputSnapshot()

    public init(epochAtStart: Int64) { self.epochAtStart = epochAtStart }

    /// Folds in one poll; rates compare it with the poll before.
    public mutating func record(_ poll: JetStreamPoll) {
        let seconds = previous.map { Double(poll.at - $0.at) / Double(NanosPerUnit.second) } ?? 0
        let streamsBefore = Dictionary(previous?.streams.map { ($0.name, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        let consumersBefore = Dictionary(previous?.consumers.map { ($0.groupID, $0) } ?? [],
                                         uniquingKeysWith: { a, _ in a })
        let streams = Dictionary(poll.streams.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

        topics = poll.streams.map { stream in
            topic(stream, producedPerSecond: Self.rate(stream.lastSequence, streamsBefore[stream.name]?.lastSequence,
                                                        seconds: seconds))
        }
        groups = poll.consumers.map { consumer in
            let deliveredPerSecond = Self.rate(consumer.deliveredConsumerSequence,
                                               consumersBefore[consumer.groupID]?.deliveredConsumerSequence,
                                               seconds: seconds)
            return group(consumer, stream: streams[consumer.stream], deliveredPerSecond: deliveredPerSecond,
                         lagHistory: lagSamples.record(Double(consumer.numPending), for: consumer.groupID.description))
        }
        lagSamples.keep(only: groups.map(\.id.description))
        throughput = throughputSamples.record(producedPerSecond: topics.reduce(0) { $0 + $1.producedPerSecond },
                                              consumedPerSecond: groups.reduce(0) { $0 + $1.consumedPerSecond })
        previous = poll
    }

    /// Places a UTC epoch timestamp on the run's clock.
    public func runTime(epochNanos: Int64) -> Nanos { epochNanos - epochAtStart }

    private func topic(_ stream: StreamFacts, producedPerSecond: Double) -> TopicSnapshot {
        let retained = stream.messages > 0
        let partition = PartitionSnapshot(
            index: 0, logStartOffset: stream.logStartOffset, logEndOffset: stream.logEndOffset,
            bytes: Int64(clamping: stream.bytes), producedPerSecond: producedPerSecond,
            firstTimestamp: retained ? runTime(epochNanos: stream.firstTimeEpoch) : nil,
            lastTimestamp: retained ? runTime(epochNanos: stream.lastTimeEpoch) : nil)
        let retention = RetentionInfo(
            maxMessages: stream.maxMessages > 0 ? Int(clamping: stream.maxMessages) : nil,
            maxBytes: stream.maxBytes > 0 ? Int(clamping: stream.maxBytes) : nil,
            maxAge: stream.maxAge > 0 ? stream.maxAge : nil, discard: stream.discard)
        var counters = Counters()
        counters.produced = Int64(clamping: stream.lastSequence)
        // What refuses a publish comes first: a mirror has no subjects, a sealed stream takes nothing new.
        var details = stream.mirrorOf.map { [Detail("mirror of", $0)] } ?? []
        if stream.sealed { details.append(Detail("sealed", "takes no new messages")) }
        if !stream.subjects.isEmpty { details.append(Detail("subjects", stream.subjects.joined(separator: ", "))) }
        details += [
            Detail("messages", "\(stream.messages)"),
            Detail("first sequence", "\(stream.firstSequence)"),
            Detail("last sequence", "\(stream.lastSequence)"),
        ]
        if retained {
            details.append(Detail("first time", UTCTimestamp.format(epochNanos: stream.firstTimeEpoch)))
            details.append(Detail("last time", UTCTimestamp.format(epochNanos: stream.lastTimeEpoch)))
        }
        details += [
            Detail("retention", stream.retention),
            Detail("storage", "\(stream.storage), \(stream.replicas) replica\(stream.replicas == 1 ? "" : "s")"),
            Detail("consumers", "\(stream.consumerCount)"),
            Detail("dedupe window", DurationText.format(stream.duplicateWindow)),
        ]
        return TopicSnapshot(name: stream.name, partitions: [partition], retention: retention, counters: counters,
                             producedPerSecond: producedPerSecond, details: details)
    }

    private func group(_ consumer: ConsumerFacts, stream: StreamFacts?, deliveredPerSecond: Double,
                       lagHistory: Series) -> GroupSnapshot {
        let pending = Int64(clamping: consumer.numPending)
        let deliveredStream = Int64(clamping: consumer.deliveredStreamSequence)
        let logEnd = stream?.logEndOffset ?? deliveredStream + pending + 1
        // Committed sits NumPending below the log end, so the seam's lag (end - committed) is NumPending.
        let committed = logEnd - pending
        let partition = GroupPartitionSnapshot(
            topic: consumer.stream, partition: 0, committedOffset: committed, position: max(committed, deliveredStream + 1),
            logEndOffset: logEnd, owner: consumer.name, paused: consumer.paused)
        var counters = Counters()
        counters.delivered = Int64(clamping: consumer.deliveredConsumerSequence)
        counters.redelivered = consumer.numRedelivered
        let member = MemberSnapshot(
            id: consumer.name, assigned: [partition.ref], paused: consumer.paused,
            pausedPartitions: consumer.paused ? [partition.ref] : [],
            counters: counters, processedPerSecond: deliveredPerSecond, inFlight: Int(clamping: consumer.numAckPending),
            maxInFlight: consumer.maxAckPending > 0 ? Int(clamping: consumer.maxAckPending) : nil)
        return GroupSnapshot(id: consumer.groupID, subscriptions: [consumer.stream],
                             strategy: consumer.pull ? "pull" : "push", members: [member], partitions: [partition],
                             counters: counters, consumedPerSecond: deliveredPerSecond, lagHistory: lagHistory,
                             details: Self.details(consumer))
    }

    private static func details(_ consumer: ConsumerFacts) -> [Detail] {
        let kind = "\(consumer.durable ? "durable" : "ephemeral") \(consumer.pull ? "pull" : "push") consumer"
        let maxAckPending = consumer.maxAckPending > 0 ? "of \(consumer.maxAckPending)" : "(no limit)"
        var details = [Detail("kind", kind)]
        if let filter = consumer.filterSubject { details.append(Detail("filter", filter)) }
        details += [
            Detail("delivered", "stream #\(consumer.deliveredStreamSequence), consumer #\(consumer.deliveredConsumerSequence)"),
            Detail("ack floor", "stream #\(consumer.ackFloorStreamSequence), consumer #\(consumer.ackFloorConsumerSequence)"),
            Detail("pending (lag)", "\(consumer.numPending)"),
            Detail("ack pending", "\(consumer.numAckPending) \(maxAckPending)"),
            Detail("redelivered", "\(consumer.numRedelivered)"),
            Detail("ack policy", consumer.ackPolicy),
            Detail("ack wait", DurationText.format(consumer.ackWait)),
            Detail("max deliver", consumer.maxDeliver > 0 ? "\(consumer.maxDeliver)" : "unlimited"),
        ]
        if consumer.pull { details.append(Detail("waiting pulls", "\(consumer.numWaiting)")) }
        return details
    }

    /// Growth per second of a monotonic sequence; 0 for the first poll or when the sequence went back (a purge).
    private static func rate(_ now: UInt64, _ before: UInt64?, seconds: Double) -> Double {
        SampleHistory.rate(Int64(clamping: now), before.map { Int64(clamping: $0) }, seconds: seconds)
    }
}
