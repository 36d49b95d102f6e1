#if Kafka
#if canImport(Glibc)
import Glibc
#endif
public import AttachSupport
import CRdKafka
public import SluiceModel

/// A live Kafka cluster behind the dashboard, through librdkafka: topics with watermarks and leaders,
/// consumer groups with members, committed offsets and lag, dead-letter topics by naming convention.
///
/// Everything runs on the caller's thread: `advance` serves librdkafka's callbacks, moves a redrive
/// on, and once per poll interval of accumulated time reads the cluster. Every librdkafka call waits
/// at most the request timeout (2 s at most); nothing sleeps.
public final class KafkaBackend: SystemBackend {
    public let options: KafkaConnectionOptions
    public let capabilities: Capabilities
    /// What `e` says each number is made of.
    public let figureOrigins: FigureOrigins
    /// UTC nanoseconds at run time zero, which places record timestamps on the run's clock.
    public let epochAtStart: Int64
    private let client: KafkaClient
    private var history: ClusterHistory
    private var clock: PollClock
    private var now: Nanos { clock.now }
    private var eventLog = AttachEventLog()
    private var inspection: Inspection?
    private var redrive: DeadLetterRedrive?
    private var reportedListing = false

    /// Connects and takes the first poll; throws when the cluster cannot be reached or refuses the credentials.
    public init(options: KafkaConnectionOptions) throws(AttachError) {
        try options.validate()
        self.options = options
        clock = PollClock(interval: options.pollInterval)
        history = ClusterHistory(naming: DeadLetterNaming(given: options.deadLetterPatterns))
        capabilities = KafkaCapabilities.make(readOnly: options.readOnly)
        figureOrigins = KafkaFigureOrigins.make(pollInterval: options.pollInterval)
        client = try KafkaClient(options, role: .producer)
        epochAtStart = Self.epochNanos()
        do {
            try poll()
        } catch {
            client.serveCallbacks()
            throw AttachError("could not attach to \(options.displayURL): \(problem(error))",
                                   badInput: client.inbox.certificateRejected)
        }
        let brokers = history.latest?.brokers.count ?? 0
        log(.info, "attached to \(options.displayURL) (\(brokers) broker\(brokers == 1 ? "" : "s"), librdkafka \(Self.libraryVersion))")
    }

    public func advance(wallNanos: Nanos) {
        let elapsed = max(0, wallNanos)
        let due = clock.advance(wallNanos: elapsed)
        client.serveCallbacks()
        if let job = redrive {
            job.advance(client, elapsed: elapsed)
            if job.finished {
                log(.redrive, job.progress + " (done; the dead letters stay in \(job.deadLetterTopic): Kafka does not delete single records)")
                redrive = nil
            }
        }
        if due {
            if let job = redrive { log(.redrive, job.progress) }
            do {
                try poll()
                report(problem: nil)
            } catch {
                report(problem: problem(error) + " (figures are from the last poll)")
            }
        }
    }

    public func snapshot() -> SystemSnapshot {
        let brokers = history.latest?.brokers.count ?? 0
        var description = "Kafka, \(brokers) broker\(brokers == 1 ? "" : "s"), librdkafka \(Self.libraryVersion)"
        if options.readOnly { description += ", read-only" }
        if let job = redrive { description += "; " + job.progress }
        return SystemSnapshot(
            source: SourceInfo(engine: "Kafka", name: options.displayURL, description: description,
                               figureOrigins: figureOrigins),
            clock: ClockInfo(now: now), topics: history.topics, groups: history.groups,
            queues: history.deadLetterQueues, throughput: history.throughput, events: eventLog.events, inspection: inspection,
            capabilities: currentCapabilities, connectionProblem: eventLog.connectionProblem)
    }

    public func send(_ command: Command) -> CommandOutcome {
        AttachedCommand.send(command, capabilities: currentCapabilities, log: log, perform: perform)
    }

    /// What a reset would do, counted from the group's committed offsets to the target offsets.
    public func seekCount(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> SeekCount? {
        guard let snapshot = history.groups.first(where: { $0.id == group }),
              let targets = try? targetOffsets(snapshot, partition: partition, position) else { return nil }
        return snapshot.partitions.reduce(SeekCount()) { count, entry in
            guard let target = targets[TopicPartition(entry.topic, entry.partition)] else { return count }
            return count + SeekCount.moving(from: entry.committedOffset, to: target)
        }
    }

    /// The capabilities as of the last poll: a reset is refused on a group while it has members.
    private var currentCapabilities: Capabilities {
        let members = Dictionary(history.latest?.groups.map { ($0.name, $0.members?.count) } ?? [], uniquingKeysWith: { $1 })
        return KafkaCapabilities.perGroup(capabilities, members: history.groups.map { ($0.id, members[$0.name] ?? nil) })
    }

    // MARK: - Polling

    private func poll() throws(AttachError) {
        let fresh = try ClusterReader.poll(client, namedGroups: options.groups, at: now)
        history.record(fresh)
        client.inbox.clearErrors()
        if let listing = fresh.groupListing, !reportedListing {
            reportedListing = true
            log(.warning, listing)
        }
    }

    /// A failed poll in words: a refused certificate or authentication first (they will not fix themselves),
    /// then what librdkafka last said.
    private func problem(_ error: AttachError) -> String {
        if client.inbox.certificateRejected, let last = client.inbox.lastError {
            return "the cluster's certificate is not signed by a CA in --tls-ca \(options.tlsCAFile ?? "?"): \(last.reason)"
        }
        if client.inbox.authenticationFailed, let last = client.inbox.lastError {
            return "authentication failed: \(last.reason)"
        }
        let cause = client.inbox.lastError.map { "; last error: \($0.reason)" } ?? ""
        return "cannot reach \(options.displayURL): \(error.message)\(cause); retrying"
    }

    private func report(problem: String?) {
        eventLog.report(problem: problem, at: now, reconnected: "connected again to \(options.displayURL)")
    }

    // MARK: - Commands

    private func perform(_ command: Command) throws(AttachError) -> CommandOutcome {
        switch command {
        case let .publish(topic, key, value, headers, messageID):
            var headers = headers
            if let messageID { headers.append(Header("message-id", Array(messageID.utf8))) }
            let receipt = try RecordPublisher.publish(client, .init(topic: topic, partition: nil, key: key.map { Array($0.utf8) },
                                                                    value: value, headers: headers))
            return .done("published to \(topic): partition \(receipt.partition), offset \(receipt.offset)")
        case .inspect(nil):
            inspection = nil
            return .done("inspector closed")
        case let .inspect(.partition(topic, partition, start)):
            guard let offset = try offsets(in: topic, partition: partition, start)[TopicPartition(topic, partition)] else {
                throw AttachError("no partition \(partition) in topic \(topic)")
            }
            return try browse(topic, partition: partition, from: offset, asked: start)
        case let .inspect(.queue(name, skip)):
            guard let facts = topicFacts(name), let first = facts.partitions.first else {
                throw AttachError("no topic named \(name)")
            }
            return try browse(name, partition: first.partition, from: first.lowWatermark + Int64(max(0, skip)), asked: nil)
        case let .seek(group, partition, position):
            return try reset(group, partition: partition, to: position)
        case let .redrive(deadLetterTopic, perSecond):
            return try startRedrive(deadLetterTopic, perSecond: perSecond)
        default:
            throw AttachError("\(command.kind.rawValue) is not available on a live Kafka cluster")
        }
    }

    /// A page of a partition from `offset`; `asked` is the start the person chose (a time), said in the outcome.
    private func browse(_ topic: String, partition: Int, from offset: Int64,
                        asked: SeekPosition?) throws(AttachError) -> CommandOutcome {
        guard let facts = topicFacts(topic)?.partitions.first(where: { $0.partition == partition }) else {
            throw AttachError("no partition \(partition) in topic \(topic)")
        }
        let start = min(max(offset, facts.lowWatermark), facts.highWatermark)
        let place = TopicPartition(topic, partition)
        var records: [PartitionReader.Record] = []
        if start < facts.highWatermark {
            let reader = try PartitionReader(options, from: [place: start])
            records = reader.read(until: [place: min(facts.highWatermark, start + Int64(Inspection.pageSize))],
                                  limit: Inspection.pageSize, deadlineMillis: Int64(options.requestTimeoutMillis))
        }
        let messages = records.map { record in
            InspectedMessage(offset: record.offset, key: record.key, headers: record.headers, value: record.value,
                             timestamp: record.timestampMillis >= 0 ? record.timestampMillis * NanosPerUnit.millisecond - epochAtStart : 0)
        }
        inspection = Inspection(target: .partition(topic: topic, partition: partition, fromOffset: start), messages: messages,
                                total: Int(clamping: facts.highWatermark - facts.lowWatermark),
                                before: Int(clamping: start - facts.lowWatermark))
        let found = if case .time(let runTime)? = asked { " (the first at or after \(ClockText.format(runTime)))" } else { "" }
        return .done("browsing \(topic)-\(partition) from offset \(start)\(found): "
                     + "\(messages.count) record\(messages.count == 1 ? "" : "s")")
    }

    /// Resets a group's committed offsets (AlterConsumerGroupOffsets); Kafka refuses while the group has members.
    private func reset(_ groupID: GroupID, partition: PartitionRef?, to position: SeekPosition) throws(AttachError) -> CommandOutcome {
        guard let group = history.groups.first(where: { $0.id == groupID }) else {
            throw AttachError("no group \(groupID)")
        }
        let members = history.latest?.groups.first { $0.name == group.name }?.members?.count
        if let refusal = KafkaCapabilities.resetRefusal(group: group.name, members: members) { throw AttachError(refusal) }
        let targets = try targetOffsets(group, partition: partition, position)
        guard !targets.isEmpty else { throw AttachError("\(groupID) reads no \(partition?.description ?? "partition")") }
        let count = seekCount(group: groupID, partition: partition, to: position) ?? SeekCount()
        let committed = try GroupAdmin.alter(client, group.name, targets)
        let places = committed.keys.sorted().map { "\($0.topic)-\($0.partition)→\(committed[$0] ?? 0)" }.joined(separator: ", ")
        // Read the group again now, so the screen shows the new offsets without waiting for the next poll.
        try? poll()
        return .done("reset \(group.name) on \(group.subscriptions.joined(separator: ", ")) (\(places)): \(count.description)")
    }

    /// The offset each partition the group reads moves to: one partition, or every partition of every topic it reads.
    private func targetOffsets(_ group: GroupSnapshot, partition: PartitionRef?,
                               _ position: SeekPosition) throws(AttachError) -> [TopicPartition: Int64] {
        if let partition {
            guard group.reads(partition.topic) else { return [:] }
            return try offsets(in: partition.topic, partition: partition.partition, position)
        }
        var targets: [TopicPartition: Int64] = [:]
        for topic in group.subscriptions { targets.merge(try offsets(in: topic, partition: nil, position)) { $1 } }
        return targets
    }

    /// The offset `position` names in each partition of a topic (or one), clamped to the watermarks;
    /// a time is looked up on the cluster (ListOffsets by timestamp, librdkafka's offsetsForTimes).
    private func offsets(in topicName: String, partition: Int?,
                         _ position: SeekPosition) throws(AttachError) -> [TopicPartition: Int64] {
        guard let topic = topicFacts(topicName) else { throw AttachError("no topic named \(topicName)") }
        let partitions = topic.partitions.filter { partition == nil || $0.partition == partition }
        var targets: [TopicPartition: Int64] = [:]
        switch position {
        case .earliest:
            for facts in partitions { targets[TopicPartition(topic.name, facts.partition)] = facts.lowWatermark }
        case .latest:
            for facts in partitions { targets[TopicPartition(topic.name, facts.partition)] = facts.highWatermark }
        case .offset(let offset):
            for facts in partitions {
                targets[TopicPartition(topic.name, facts.partition)] = min(max(offset, facts.lowWatermark), facts.highWatermark)
            }
        case .time(let runTime):
            let places = partitions.map { TopicPartition(topic.name, $0.partition) }
            let millis = (runTime + epochAtStart) / NanosPerUnit.millisecond
            for (place, answer) in try ClusterReader.offsets(client, places, at: millis) {
                let facts = partitions.first { $0.partition == place.partition }
                // No record at or after the time: the log end, as Kafka's own reset tool does.
                guard case .success(let offset) = answer else { continue }
                targets[place] = offset >= 0 ? offset : facts?.highWatermark ?? 0
            }
        case .entryID:
            throw AttachError("Kafka names records by partition and offset: start from an offset or a time")
        }
        return targets
    }

    private func startRedrive(_ deadLetterTopic: String, perSecond: Double?) throws(AttachError) -> CommandOutcome {
        if let job = redrive { throw AttachError("a redrive is under way: \(job.progress)") }
        guard let source = history.naming.source(ofDeadLetterTopic: deadLetterTopic) else {
            throw AttachError("\(deadLetterTopic) follows no dead-letter naming (NAME.dlq, NAME-dlt, NAME.DLT or --dlq-pattern)")
        }
        guard topicFacts(source) != nil else { throw AttachError("\(deadLetterTopic)'s source topic \(source) does not exist") }
        guard let facts = topicFacts(deadLetterTopic) else { throw AttachError("no topic named \(deadLetterTopic)") }
        let job = try DeadLetterRedrive(options, deadLetterTopic: deadLetterTopic, source: source,
                                        partitions: facts.partitions, perSecond: perSecond)
        redrive = job
        let pace = perSecond.map { "at \(TextTable.rate($0))/s" } ?? "all at once"
        return .done("redriving \(job.total) record\(job.total == 1 ? "" : "s") from \(deadLetterTopic) to \(source) \(pace)")
    }

    // MARK: - Helpers

    private func topicFacts(_ name: String) -> TopicFacts? {
        history.latest?.topics.first { $0.name == name }
    }

    /// The redrive under way: records copied so far and records to copy; nil when none is.
    public var redriveProgress: (copied: Int64, total: Int64)? { redrive.map { ($0.copied, $0.total) } }

    static var libraryVersion: String { String(cString: rd_kafka_version_str()) }

    static func epochNanos() -> Int64 { SystemTime.epochNanos() }

    private func log(_ kind: EventLogEntry.Kind, _ text: String) { eventLog.log(at: now, kind, text) }
}
#endif
