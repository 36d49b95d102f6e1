#if NATS
public import AttachSupport
import CNats
public import SluiceModel

/// A live NATS JetStream behind the dashboard: streams as topics, consumers as groups,
/// max-deliveries and terminated advisories as dead letters.
///
/// Everything runs on the caller's thread: `advance` drains advisories and, once per poll
/// interval of accumulated time, asks the server for stream and consumer state. Nothing sleeps.
public final class NATSBackend: SystemBackend {
    /// Events kept for the log panel.
    public static let eventLimit = AttachEventLog.limit

    public let options: NATSConnectionOptions
    /// Nil when the server's greeting could not be read.
    public let serverVersion: ServerVersion?
    public let capabilities: Capabilities
    private let connection: NATSConnection
    private let advisories: AdvisoryListener
    private var history: JetStreamHistory
    private var ledger = DeadLetterLedger()
    private var latest: JetStreamPoll?
    private var clock: PollClock
    private var now: Nanos { clock.now }
    private var eventLog = AttachEventLog()
    private var inspection: Inspection?
    /// Consumers this session paused: the C client 3.4 does not read the server's pause state.
    private var pausedByUs: Set<GroupID> = []

    /// Connects, subscribes to the advisories and takes the first poll; throws when the server cannot be reached.
    public init(options: NATSConnectionOptions) throws(AttachError) {
        try options.validate()
        self.options = options
        clock = PollClock(interval: options.pollInterval)
        connection = try NATSConnection(options)
        advisories = try AdvisoryListener(connection)
        let address = ServerGreeting.hostAndPort(of: connection.connectedURL ?? options.url)
        serverVersion = address.flatMap { ServerGreeting.read(host: $0.host, port: $0.port) }
            .flatMap { ServerVersion(infoLine: $0) }
        capabilities = JetStreamCapabilities.make(serverVersion: serverVersion, readOnly: options.readOnly)
        history = JetStreamHistory(epochAtStart: nats_NowInNanoSeconds())
        log(.info, "attached to \(options.displayURL)\(serverVersion.map { " (nats-server \($0))" } ?? "")")
        poll()
    }

    public func advance(wallNanos: Nanos) {
        let due = clock.advance(wallNanos: wallNanos)
        drainAdvisories()
        if due { poll() }
    }

    public func snapshot() -> SystemSnapshot {
        let version = serverVersion.map { "nats-server \($0)" } ?? "nats-server (version unknown)"
        return SystemSnapshot(
            source: SourceInfo(engine: "NATS JetStream", name: options.displayURL,
                               description: "\(version), JetStream\(options.readOnly ? ", read-only" : "")"),
            clock: ClockInfo(now: now), topics: history.topics, groups: history.groups,
            queues: ledger.queues(consumers: latest?.consumers ?? []), throughput: history.throughput,
            events: eventLog.events, inspection: inspection, capabilities: currentCapabilities,
            connectionProblem: eventLog.connectionProblem)
    }

    public func send(_ command: Command) -> CommandOutcome {
        AttachedCommand.send(command, capabilities: currentCapabilities, log: log) { command throws(AttachError) in
            guard connection.isConnected else {
                throw AttachError("not connected to \(options.displayURL); the client is reconnecting")
            }
            return try perform(command)
        }
    }

    /// A replay here browses the stream from a point: nothing is skipped, the browse shows what comes.
    public func seekCount(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> SeekCount? {
        guard let name = group.stream, let stream = stream(named: name) else { return nil }
        switch position {
        case .earliest: return SeekCount(again: Int64(clamping: stream.messages))
        case .latest: return SeekCount()
        case .offset(let offset): return SeekCount(again: max(0, stream.logEndOffset - max(offset, stream.logStartOffset)))
        case .time, .entryID: return nil
        }
    }

    // MARK: - Polling

    private func poll() {
        guard connection.isConnected else {
            report(problem: "connection to \(options.displayURL) lost; reconnecting (figures are from the last poll)")
            return
        }
        do {
            var fresh = try JetStreamReader.poll(connection.jetStream, at: now)
            for index in fresh.consumers.indices where pausedByUs.contains(fresh.consumers[index].groupID) {
                fresh.consumers[index].paused = true
            }
            history.record(fresh)
            latest = fresh
            report(problem: nil)
        } catch {
            report(problem: "JetStream did not answer: \(error.message)")
        }
    }

    private func drainAdvisories() {
        for advisory in advisories.drain() {
            append(ledger.record(advisory, at: now))
        }
    }

    private func report(problem: String?) {
        eventLog.report(problem: problem, at: now,
                        reconnected: "connected again to \(self.connection.connectedURL ?? self.options.displayURL)")
    }

    // MARK: - Commands

    private func perform(_ command: Command) throws(AttachError) -> CommandOutcome {
        switch command {
        case let .publish(subject, key, value, headers, messageID):
            let receipt = try JetStreamPublisher.publish(connection.jetStream, subject: subject, key: key, value: value,
                                                         headers: headers, messageID: messageID)
            if receipt.duplicate {
                return .done("duplicate: \(receipt.stream) already holds message id \(messageID ?? "") "
                             + "(#\(receipt.sequence)); nothing stored")
            }
            return .done("published to \(subject): \(receipt.stream) #\(receipt.sequence)")
        case let .copyToDeadLetter(source, sequence, destination):
            guard case .partition(let place) = source, place.partition == 0 else {
                throw AttachError("a JetStream message is named by its stream and sequence (partition 0), not \(source)")
            }
            let stream = place.topic
            guard sequence > 0 else { throw AttachError("stream sequences start at 1, not \(sequence)") }
            let receipt = try JetStreamPublisher.copy(connection.jetStream, stream: stream, sequence: UInt64(sequence),
                                                      destination: destination)
            let landed = "\(receipt.stream) #\(receipt.sequence)"
            return .done(receipt.duplicate ? "\(stream) #\(sequence) was already copied to \(landed)"
                                           : "copied \(stream) #\(sequence) to \(destination): \(landed)")
        case .inspect(nil):
            inspection = nil
            return .done("inspector closed")
        case let .inspect(.partition(topic, partition, position)):
            guard partition == 0 else { throw AttachError("a JetStream stream has one partition, 0") }
            return try browse(topic, from: try start(of: position, in: topic), target: command)
        case let .inspect(.queue(name, _)):
            return try inspectDeadLetters(queue: name)
        case let .seek(group, _, position):
            guard let stream = group.stream else { throw AttachError("a JetStream consumer belongs to a stream; \(group) names none") }
            let outcome = try browse(stream, from: try start(of: position, in: stream), target: command)
            guard case .done(let text) = outcome else { return outcome }
            return .done("\(text) (JetStream cannot move a durable consumer; replay is a read-only browse)")
        case let .pause(source, _):
            return try setPaused(source, true)
        case let .resume(source, _):
            return try setPaused(source, false)
        default:
            throw AttachError("\(command.kind.rawValue) is not available on a live NATS server")
        }
    }

    private func browse(_ streamName: String, from start: StreamBrowser.Start, target: Command) throws(AttachError) -> CommandOutcome {
        guard let stream = stream(named: streamName) else { throw AttachError("no stream named \(streamName)") }
        let messages = try StreamBrowser.browse(connection.jetStream, stream: streamName, from: start,
                                                lastSequence: stream.lastSequence, lastTimeEpoch: stream.lastTimeEpoch,
                                                toRunTime: history.runTime(epochNanos:))
        let first = messages.first?.offset ?? stream.logEndOffset
        inspection = Inspection(target: .partition(topic: streamName, partition: 0, fromOffset: first), messages: messages)
        return .done("browsing \(streamName) from #\(first): \(messages.count) message\(messages.count == 1 ? "" : "s")")
    }

    /// Fetches the dead letters of one consumer by sequence, to show their payloads.
    private func inspectDeadLetters(queue name: String) throws(AttachError) -> CommandOutcome {
        guard let queue = ledger.queues(consumers: latest?.consumers ?? []).first(where: { $0.name == name }) else {
            throw AttachError("no dead letters recorded for \(name)")
        }
        let messages = queue.recentDeadLetters.map { letter in
            var message = InspectedMessage(offset: Int64(letter.messageId), value: [], timestamp: letter.at,
                                           deliveryCount: letter.deliveryCount, state: .deadLettered,
                                           history: [.note(letter.reason)])
            if let sequence = UInt64(letter.messageId),
               let stored = try? JetStreamPublisher.fetch(connection.jetStream, stream: letter.source, sequence: sequence) {
                defer { natsMsg_Destroy(stored) }
                let full = StreamBrowser.inspect(stored, toRunTime: history.runTime(epochNanos:))
                message.messageId = full.messageId; message.key = full.key
                message.headers = full.headers; message.value = full.value
            } else {
                message.history.append(.note("no longer in \(letter.source)"))
            }
            return message
        }
        inspection = Inspection(target: .queue(name: name), messages: messages)
        return .done("\(name): \(messages.count) dead letter\(messages.count == 1 ? "" : "s")")
    }

    private func start(of position: SeekPosition, in streamName: String) throws(AttachError) -> StreamBrowser.Start {
        guard let stream = stream(named: streamName) else { throw AttachError("no stream named \(streamName)") }
        switch position {
        case .earliest: return .sequence(UInt64(clamping: stream.logStartOffset))
        case .latest: return .sequence(stream.lastSequence)
        case .offset(let offset): return .sequence(UInt64(clamping: max(1, offset)))
        case .time(let runTime): return .time(epochNanos: runTime + history.epochAtStart)
        case .entryID:
            throw AttachError("JetStream names messages by stream sequence: start from a sequence (offset) or a time")
        }
    }

    private func setPaused(_ source: GroupOrQueue, _ pause: Bool) throws(AttachError) -> CommandOutcome {
        guard let group = source.group, let stream = group.stream else {
            throw AttachError("only a stream's consumer pauses on JetStream, not \(source)")
        }
        let until = pause ? nats_NowInNanoSeconds() + ConsumerPause.indefinitely : nil
        let paused = try ConsumerPause.set(connection.connection, stream: stream, consumer: group.name,
                                           untilEpochNanos: until, timeoutMillis: options.requestTimeoutMillis)
        if paused { pausedByUs.insert(group) } else { pausedByUs.remove(group) }
        return .done("\(group) \(paused ? "paused" : "resumed")")
    }

    // MARK: - Helpers

    /// The capabilities as of the last poll: a publish is refused on a mirror or a sealed stream.
    private var currentCapabilities: Capabilities {
        JetStreamCapabilities.perStream(capabilities, streams: latest?.streams ?? [])
    }

    private func stream(named name: String) -> StreamFacts? {
        latest?.streams.first { $0.name == name }
    }

    private func log(_ kind: EventLogEntry.Kind, _ text: String) { eventLog.log(at: now, kind, text) }

    private func append(_ entry: EventLogEntry) { eventLog.append(entry) }
}
#endif
