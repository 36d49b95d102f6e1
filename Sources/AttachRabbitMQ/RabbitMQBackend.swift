#if RabbitMQ
public import AttachSupport
public import SluiceModel

/// A live RabbitMQ behind the dashboard: its queues as work queues (ready waits, unacknowledged is in
/// flight, consumers' prefetch is their max in flight), dead-letter queues found by following each queue's
/// dead-letter exchange through the bindings, and exchanges as a routing view.
///
/// Figures come from the management API, which refreshes them once a statistics interval (5 s by default),
/// so they lag by that much; actions go over AMQP through rabbitmq-c. Everything runs on the caller's
/// thread (the dashboard's backend thread), each request bounded by the timeout.
public final class RabbitMQBackend: SystemBackend {
    public let options: RabbitMQConnectionOptions
    public let capabilities: Capabilities
    public let address: RabbitMQAddress
    let management: ManagementClient
    /// Opened on the first action, and again after a failure; never in read-only mode.
    private var amqpConnection: AMQPConnection?
    private let password: String
    var history: RabbitMQHistory
    private(set) var latest: RabbitPoll?
    private var clock: PollClock
    var now: Nanos { clock.now }
    private var events = AttachEventLog()
    var inspection: Inspection?
    var redrive: QueueRedrive?

    /// The words on screen about how old the figures are.
    public static let statisticsLag = "figures come from the management API and lag by its statistics interval "
        + "(collect_statistics_interval, 5 s by default)"

    /// Connects to the management API and takes the first poll, and (unless read-only) opens AMQP;
    /// throws when either cannot be reached.
    public init(options: RabbitMQConnectionOptions) throws(AttachError) {
        try options.validate()
        self.options = options
        address = try options.address()
        password = options.password ?? "guest"
        clock = PollClock(interval: options.pollInterval)
        management = ManagementClient(base: try options.management(), user: address.user, password: password,
                                      tlsCAFile: options.tlsCAFile, timeoutMillis: options.timeoutMillis)
        capabilities = RabbitMQCapabilities.make(readOnly: options.readOnly)
        history = RabbitMQHistory(epochAtStart: SystemTime.epochNanos())
        let first = try readPoll()
        record(first)
        if !options.readOnly { amqpConnection = try openAMQP() }
        log(.info, "attached to \(address.display)" + (first.overview.version.map { " (RabbitMQ \($0))" } ?? ""))
        log(.info, Self.statisticsLag)
    }

    public func advance(wallNanos: Nanos) {
        if clock.advance(wallNanos: wallNanos) { poll() }
        if let redrive { advanceRedrive(redrive, elapsed: wallNanos) }
    }

    public func snapshot() -> SystemSnapshot {
        let version = latest?.overview.version.map { "RabbitMQ \($0)" } ?? "RabbitMQ (version unknown)"
        return SystemSnapshot(
            source: SourceInfo(engine: "RabbitMQ", name: address.display,
                               description: "\(version), vhost \(address.vhost)\(options.readOnly ? ", read-only" : ""); "
                                   + Self.statisticsLag),
            clock: ClockInfo(now: now), topics: history.topics, queues: history.queues, throughput: history.throughput,
            events: events.events, inspection: inspection,
            capabilities: currentCapabilities,
            connectionProblem: events.connectionProblem)
    }

    public func send(_ command: Command) -> CommandOutcome {
        AttachedCommand.send(command, capabilities: currentCapabilities, log: log, perform: perform)
    }

    /// The capabilities as of the last poll: browsing is refused on stream queues and on quorum queues with a delivery limit.
    var currentCapabilities: Capabilities { RabbitMQCapabilities.perQueue(capabilities, queues: latest?.queues ?? []) }

    public func seekCount(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> SeekCount? { nil }

    /// Polls now, whatever the interval: for tests and `--once`.
    public func pollNow() { poll() }

    // MARK: - Polling

    private func readPoll() throws(AttachError) -> RabbitPoll {
        let vhost = "/" + Self.percentEncoded(address.vhost)
        return try RabbitPoll.decode(at: now, overview: try management.get("/api/overview"),
                                     queues: try management.get("/api/queues" + vhost),
                                     consumers: try management.get("/api/consumers" + vhost),
                                     exchanges: try management.get("/api/exchanges" + vhost),
                                     bindings: try management.get("/api/bindings" + vhost),
                                     channels: try management.get("/api/vhosts" + vhost + "/channels"
                                                                  + "?columns=name,consumer_count,messages_unacknowledged"))
    }

    private func poll() {
        do {
            record(try readPoll())
            events.report(problem: nil, at: now, reconnected: "the management API at \(self.managementBase) answers again")
        } catch {
            events.report(problem: "\(error.message) (figures are from the last poll; retrying every poll)", at: now,
                          reconnected: "")
        }
    }

    private func record(_ poll: RabbitPoll) {
        history.record(poll)
        latest = poll
    }

    private var managementBase: String { (try? options.management()) ?? "?" }

    // MARK: - AMQP

    private func openAMQP() throws(AttachError) -> AMQPConnection {
        try AMQPConnection(address: address, password: password, tlsCAFile: options.tlsCAFile,
                           timeoutMillis: options.timeoutMillis)
    }

    /// Runs `body` on the AMQP connection, opening it when there is none; a failed connection is dropped
    /// so that the next action opens a fresh one.
    func withAMQP<T>(_ body: (AMQPConnection) throws(AttachError) -> T) throws(AttachError) -> T {
        let connection: AMQPConnection
        if let open = amqpConnection { connection = open } else { connection = try openAMQP() }
        amqpConnection = connection
        do {
            return try body(connection)
        } catch {
            if error.message.contains("closed the connection") || error.message.contains("socket") { amqpConnection = nil }
            throw error
        }
    }

    private func advanceRedrive(_ redrive: QueueRedrive, elapsed: Nanos) {
        do {
            try withAMQP { connection throws(AttachError) in redrive.advance(connection, elapsed: elapsed) }
        } catch {
            log(.warning, "redrive \(redrive.deadLetterQueue): \(error.message)")
            self.redrive = nil
            return
        }
        if redrive.finished {
            log(.redrive, redrive.progress)
            self.redrive = nil
            pollNow()
        }
    }

    // MARK: - Helpers

    func queueFacts(_ name: String) -> RabbitQueueFacts? { latest?.queues.first { $0.name == name } }
    func exchangeFacts(_ name: String) -> RabbitExchangeFacts? { latest?.exchanges.first { $0.name == name } }

    /// A vhost or name as one path segment of the management API.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if character.isASCII && (character.isLetter || character.isNumber || "-._~".contains(character)) {
                out.append(character)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    func log(_ kind: EventLogEntry.Kind, _ text: String) { events.log(at: now, kind, text) }
}
#endif
