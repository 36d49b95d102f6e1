#if Redis
#if canImport(Glibc)
import Glibc
#endif
public import AttachSupport
public import SluiceModel

/// A live Redis behind the dashboard: streams as topics, consumer groups as groups (and their pending
/// lists as queues of in-flight messages), dead-letter streams paired by name as dead-letter queues.
///
/// Everything runs on the caller's thread: `advance` polls once its interval of accumulated time has
/// passed, and every call to the server is bounded by the connection's timeout (2 s at most).
public final class RedisBackend: SystemBackend {
    /// Events kept for the log panel.
    public static let eventLimit = AttachEventLog.limit

    public let options: RedisConnectionOptions
    public let capabilities: Capabilities
    /// `redis_version` from `INFO server`; nil when the server did not say.
    public let serverVersion: String?
    let connection: RedisConnection
    var reader: RedisReader
    var history: RedisHistory
    private(set) var latest: RedisPoll?
    private var clock: PollClock
    var now: Nanos { clock.now }
    private var events = AttachEventLog()
    var inspection: Inspection?

    /// Connects, authenticates and takes the first poll; throws when the server cannot be reached.
    public init(options: RedisConnectionOptions) throws(AttachError) {
        try options.validate()
        self.options = options
        clock = PollClock(interval: options.pollInterval)
        connection = try RedisConnection(address: try options.address(), password: options.password,
                                         timeoutMillis: options.timeoutMillis)
        serverVersion = (try? connection.command(["INFO", "server"]).text).flatMap(Self.version(inInfo:))
        capabilities = RedisCapabilities.make(readOnly: options.readOnly)
        reader = RedisReader(options: options)
        history = RedisHistory(epochAtStart: Self.epochNanos(), deadLetterPatterns: options.deadLetterPatterns)
        log(.info, "attached to \(options.displayURL)\(serverVersion.map { " (Redis \($0))" } ?? "")")
        poll()
    }

    public func advance(wallNanos: Nanos) {
        if clock.advance(wallNanos: wallNanos) { poll() }
    }

    public func snapshot() -> SystemSnapshot {
        let version = serverVersion.map { "Redis \($0)" } ?? "Redis (version unknown)"
        return SystemSnapshot(
            source: SourceInfo(engine: "Redis Streams", name: options.displayURL,
                               description: "\(version), streams\(options.readOnly ? ", read-only" : "")",
                               figureOrigins: RedisFigureOrigins.make(pollInterval: options.pollInterval)),
            clock: ClockInfo(now: now), topics: history.topics, groups: history.groups, queues: history.queues,
            throughput: history.throughput, events: events.events,
            inspection: inspection, capabilities: currentCapabilities, connectionProblem: events.connectionProblem)
    }

    public func send(_ command: Command) -> CommandOutcome {
        AttachedCommand.send(command, capabilities: currentCapabilities, log: log, perform: perform)
    }

    /// The capabilities as of the last poll: a claim is refused on a group with nothing pending.
    var currentCapabilities: Capabilities { RedisCapabilities.perGroup(capabilities, groups: latest?.groups ?? []) }

    public func seekCount(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> SeekCount? {
        guard let facts = groupFacts(group), partition.map({ $0.topic == facts.stream }) ?? true, let stream = streamFacts(facts.stream),
              let undelivered = facts.undelivered else { return nil }
        let committed = stream.entriesAdded - undelivered
        guard let target = try? targetOffset(position, in: stream) else { return nil }
        return .moving(from: committed, to: target)
    }

    /// UTC nanoseconds at run time zero: a seek by time counts from here.
    public var epochAtStart: Int64 { history.epochAtStart }

    /// Polls now, whatever the interval: for tests and `--once`.
    public func pollNow() { poll() }

    // MARK: - Polling

    private func poll() {
        do {
            let fresh = try reader.poll(connection, at: now)
            history.record(fresh)
            latest = fresh
            report(problem: nil)
        } catch {
            report(problem: "\(error.message) (figures are from the last poll; retrying every poll)")
        }
    }

    private func report(problem: String?) {
        events.report(problem: problem, at: now, reconnected: "connected again to \(options.displayURL)")
    }

    // MARK: - Commands

    private func perform(_ command: Command) throws(AttachError) -> CommandOutcome {
        switch command {
        case let .publish(target, key, value, headers, messageID):
            return try publish(to: try streamName(forTarget: target), key: key, value: value, headers: headers,
                               id: messageID)
        case .inspect(nil):
            inspection = nil
            return .done("inspector closed")
        case let .inspect(.partition(topic, partition, position)):
            guard partition == 0 else { throw AttachError("a Redis stream has one partition, 0") }
            return try browse(topic, from: position)
        case let .inspect(.queue(name, skip)):
            return try inspectQueue(name, skip: skip)
        case let .seek(group, _, position):
            return try replay(group, to: position)
        case let .skip(group, _, offset):
            return try deadLetterStuck(group, offset: offset)
        case let .removeInstance(consumer):
            return try removeIdleConsumer(groupName: consumer)
        case let .claim(group, consumer, minIdle):
            return try claim(group, for: consumer, minIdleMillis: minIdle / NanosPerUnit.millisecond)
        case .addInstance:
            throw AttachError("a Redis consumer comes into being with its client's first XREADGROUP; "
                                   + "Sluice only deletes idle ones (-)")
        default:
            throw AttachError("\(command.kind.rawValue) is not available on a live Redis server")
        }
    }

    // MARK: - Lookups

    func streamFacts(_ name: String) -> RedisStreamFacts? { latest?.streams.first { $0.name == name } }
    func groupFacts(_ id: GroupID) -> RedisGroupFacts? { latest?.groups.first { $0.id == id } }
    /// The group whose pending list is the queue named `name`.
    func groupFacts(pendingQueue name: String) -> RedisGroupFacts? { latest?.groups.first { $0.groupID == name } }

    /// A topic, a dead-letter stream, or a group's pending queue (`stream/group`) → the stream to write to.
    func streamName(forTarget target: String) throws(AttachError) -> String {
        if streamFacts(target) != nil { return target }
        if let group = groupFacts(pendingQueue: target) { return group.stream }
        throw AttachError("no stream named \(target)")
    }

    /// Where a dead letter of `stream` goes: its paired dead-letter stream, else the first pattern's name.
    func deadLetterStream(of stream: String) -> String {
        history.pairing.deadLetterStream(of: stream)
            ?? (options.deadLetterPatterns.first ?? RedisConnectionOptions.conventionalDeadLetterPatterns[0]).name(forSource: stream)
    }

    // MARK: - Helpers

    static func epochNanos() -> Int64 { SystemTime.epochNanos() }

    /// `redis_version:7.0.15` out of `INFO server`.
    static func version(inInfo info: String) -> String? {
        info.split(whereSeparator: \.isNewline)
            .first { $0.hasPrefix("redis_version:") }
            .map { String($0.dropFirst("redis_version:".count)) }
    }

    func log(_ kind: EventLogEntry.Kind, _ text: String) { events.log(at: now, kind, text) }
}
#endif
