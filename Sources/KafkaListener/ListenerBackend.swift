import AttachSupport
public import Broker
public import SluiceModel

/// The embedded broker with its Kafka listener behind the dashboard (`sluice serve`): real clients'
/// topics, groups and members, and the dashboard's actions on them, through the broker.
///
/// Plain and synchronous: every call reads or changes the broker, which is safe from any thread. Outcomes
/// carry names as they came (the dashboard escapes what it shows).
public final class ListenerBackend: SystemBackend {
    public let broker: Broker
    public let listener: KafkaListener
    private let startedAt: Nanos
    private var events: [EventLogEntry] = []
    /// Two minutes of rates, one sample per wall second: the screen asks more often than that.
    private var history = ThroughputHistory(length: 120)
    private var sampledSecond: Int64?
    private var throughput = ThroughputSnapshot()
    private var inspectTarget: InspectTarget?
    /// How many event-log entries the snapshot keeps.
    static let eventCapacity = 500

    public init(broker: Broker, listener: KafkaListener) {
        self.broker = broker
        self.listener = listener
        startedAt = broker.now
    }

    public var address: String { "\(listener.configuration.host):\(listener.port)" }

    /// Real clients live by the wall clock; there is nothing to advance.
    public func advance(wallNanos: Nanos) {}

    public func snapshot() -> SystemSnapshot {
        let snapshot = broker.snapshot()
        // The screen counts time from the start; the broker counts it as its clock does (Unix time when serving).
        let drained = broker.drainEvents().map { entry in
            var entry = entry
            entry.at -= startedAt
            return entry
        }
        events = Array((events + drained).suffix(Self.eventCapacity))
        let second = snapshot.now / NanosPerUnit.second
        if sampledSecond.map({ second > $0 }) ?? true {
            sampledSecond = second
            throughput = history.record(producedPerSecond: snapshot.producedPerSecond, consumedPerSecond: snapshot.consumedPerSecond)
        } else {
            throughput.producedPerSecond = snapshot.producedPerSecond
            throughput.consumedPerSecond = snapshot.consumedPerSecond
        }
        let faults = listener.faultRows()
        return SystemSnapshot(
            source: SourceInfo(engine: "Kafka listener", name: address,
                               description: "the embedded broker, serving Kafka clients on \(address)"),
            clock: ClockInfo(now: snapshot.now - startedAt),
            topics: snapshot.topics, groups: snapshot.groups, queues: snapshot.queues,
            breakers: faults.breakers, throughput: throughput,
            events: events, inspection: inspectTarget.flatMap { try? inspect($0) },
            capabilities: Self.capabilities, producers: snapshot.producers,
            downstreams: faults.downstreams)
    }

    /// Whether a command acts on real clients or on the listener (a client group, a client member, a listener
    /// fault), so that a backend holding simulated actors beside them knows to pass it here.
    public func actsOnRealClients(_ command: Command) -> Bool {
        switch command {
        case .pause(let source, _), .resume(let source, _): source.group.flatMap(broker.clientGroup) != nil
        case .seek(let group, _, _), .skip(let group, _, _): broker.clientGroup(group) != nil
        case .removeInstance(let consumer): clientMember(named: consumer) != nil
        case .setOutage(let name, _): listener.fault(named: name) != nil
        default: false
        }
    }

    /// Like `seekCount`, for a real client group only; nil for any other.
    public func clientSeekCount(group: GroupID, partition: PartitionRef?, to requested: SeekPosition) -> SeekCount? {
        guard let found = broker.clientGroup(group) else { return nil }
        return try? broker.clientSeekCount(found, partition: partition, to: onBrokerClock(requested))
    }

    /// What the dashboard cannot do to real clients, and why; `u` in a Kafka group's terms.
    static let capabilities: Capabilities = {
        var unavailable: [CommandKind: String] = [
            .addInstance: "members of a real group are client processes: start another one to add a member",
            .crash: "a real client is its own process: pause it, or remove it from its group",
            .rate: "a real producer sets its own rate",
            .redrive: "a served broker has no dead-letter queues",
            .purge: "a served broker has no work queues to purge",
            .copyToDeadLetter: "a served broker has no dead-letter queues",
            .claim: "a Kafka group's members own partitions, not single messages: there is nothing pending to claim",
        ]
        unavailable.refuseAll(CommandKind.time, "real Kafka clients live by the wall clock: time runs at 1x, without pause or step")
        unavailable.refuseAll(CommandKind.lessons, "lessons run on the simulation: sluice lesson NAME")
        return Capabilities(unavailable: unavailable, wording: [
            .skipStuck: ActionWording(verb: "Skip", consequence: "The group's offset is committed past it, and its members rejoin."),
        ])
    }()

    public func send(_ command: Command) -> CommandOutcome {
        do {
            return try perform(command)
        } catch let error as ClientGroupError {
            return .failed(Self.describe(error))
        } catch {
            return .failed("\(error)")
        }
    }

    private func perform(_ command: Command) throws -> CommandOutcome {
        switch command {
        case let .publish(target, key, value, headers, messageId):
            let outcome = try broker.produce(topic: target, ProducerRecord(
                key: key.map { Array($0.utf8) }, value: value, headers: headers, messageId: messageId))
            broker.log(.publish, "published to \(target) " + Self.describe(outcome))
            return .done("published to \(target) " + Self.describe(outcome))
        case .injectPoison(let target):
            let outcome = try broker.produce(topic: target, ProducerRecord(
                value: Array("poison: not what any consumer expects \u{1}\u{2}".utf8), headers: [Header("poison", [1])]))
            broker.log(.fault, "poison record into \(target) " + Self.describe(outcome))
            return .done("poison record into \(target) " + Self.describe(outcome))
        case let .pause(source, member), let .resume(source, member):
            let paused = if case .pause = command { true } else { false }
            guard let group = source.group else { return .failed("a served broker has no work queues to pause") }
            if let found = broker.clientGroup(group) {
                try found.setPaused(paused, member: member)
            } else {
                let simulated = try broker.group(id: group)
                if paused { try simulated.pause(member: member) } else { try simulated.resume(member: member) }
            }
            return .done("\(paused ? "paused" : "resumed") \(member ?? group.description)")
        case let .seek(group, partition, requested):
            let target = onBrokerClock(requested)
            guard let found = broker.clientGroup(group) else {
                let simulated = try broker.group(id: group)
                if let partition, partition.topic != simulated.topic.name {
                    return .failed("\(group) reads \(simulated.topic.name), not \(partition.topic)")
                }
                let count = try simulated.seek(partition: partition?.partition, to: target)
                return .done("seeked \(group): \(count.description)")
            }
            let count = try broker.seekClientGroup(found, partition: partition, to: target)
            return .done("seeked \(group): \(count.description); its members rejoin")
        case let .skip(group, partition, offset):
            guard let found = broker.clientGroup(group) else { return .failed("no client group \(group)") }
            try broker.seekClientGroup(found, partition: partition, to: .offset(offset + 1))
            return .done("skipped \(partition)@\(offset) of \(group)")
        case .removeInstance(let consumer):
            guard let (group, member) = clientMember(named: consumer) else {
                return .failed("no real member or group named \(consumer)")
            }
            try group.removeMember(member)
            return .done("removed \(member) from \(group.id): it is fenced and the group rebalances")
        case let .setOutage(name, down):
            guard let fault = listener.fault(named: name) else { return .failed("no listener fault named \(name)") }
            let said = listener.set(fault, on: down)
            broker.log(.fault, "\(fault.name): " + (down ? "on" : "off") + ": " + said)
            return .done(said)
        case .inspect(let target):
            inspectTarget = target
            guard let target else { return .done("inspector closed") }
            let inspection = try inspect(target)
            return .done("inspecting \(inspection.messages.count) messages")
        default:
            return .failed(Self.capabilities.reasonUnavailable(command.kind) ?? "not available on a served broker")
        }
    }

    /// A page as the screen counts time: a browse from a time starts that long after the broker's start, and
    /// record times are shown since the start (the broker keeps Unix time when serving).
    private func inspect(_ target: InspectTarget) throws(BrokerError) -> Inspection {
        var onBroker = target
        if case .partition(let topic, let partition, let start) = target {
            onBroker = .partition(topic: topic, partition: partition, from: onBrokerClock(start))
        }
        var inspection = try broker.inspect(onBroker)
        inspection.target = target
        for index in inspection.messages.indices { inspection.messages[index].timestamp -= startedAt }
        return inspection
    }

    /// A time on the screen is time since the start; on the broker's clock it is that much after its start.
    private func onBrokerClock(_ position: SeekPosition) -> SeekPosition {
        if case .time(let sinceStart) = position { return .time(startedAt + sinceStart) }
        return position
    }

    /// A member by its id, or a group by its id (then its newest member).
    private func clientMember(named name: String) -> (ClientAssignedGroup, String)? {
        let groups = broker.clientGroups.all
        for group in groups where group.describe().members.contains(where: { $0.memberId == name }) { return (group, name) }
        if let group = groups.first(where: { $0.id == name }), let newest = group.describe().members.last {
            return (group, newest.memberId)
        }
        return nil
    }

    public func seekCount(group: GroupID, partition: PartitionRef?, to requested: SeekPosition) -> SeekCount? {
        if broker.clientGroup(group) != nil { return clientSeekCount(group: group, partition: partition, to: requested) }
        // A simulated group reads one topic, its stream.
        guard partition.map({ $0.topic == group.stream }) ?? true else { return nil }
        return try? broker.seekCount(group: group, partition: partition?.partition, to: onBrokerClock(requested))
    }

    /// `p1@42`, or `p1@42 (a duplicate)`.
    static func describe(_ outcome: AppendOutcome) -> String {
        switch outcome {
        case let .appended(partition, offset): "p\(partition)@\(offset)"
        case let .duplicate(partition, offset): "p\(partition)@\(offset) (a duplicate: nothing stored)"
        }
    }

    static func describe(_ error: ClientGroupError) -> String {
        switch error {
        case .unknownMember(let id), .memberIdRequired(let id): "no member \(id) in that group"
        case .illegalGeneration: "the group has moved to another generation"
        case .rebalanceInProgress: "the group is rebalancing"
        case .inconsistentProtocol: "the member shares no assignment protocol with the group"
        case .invalidSessionTimeout: "invalid session timeout"
        }
    }
}
