import SluiceModel

/// What an action applies to, worked out from the focused panel's selection and the snapshot,
/// with a sensible default when nothing fitting is selected.
struct Targets {
    let state: DashboardState
    let snapshot: SystemSnapshot

    var selected: PanelItem? { state.selectedItem(state.focus, snapshot) }

    /// The selected stream group: a group row, a member row, or the first group reading the selected
    /// partition's topic.
    var group: GroupID? {
        switch selected {
        case .group(let source), .member(let source, _):
            return source.group.flatMap { snapshot.group($0)?.id }
        case .partition(let topic, _), .topic(let topic):
            return snapshot.groups.first { $0.reads(topic) }?.id
        default:
            return snapshot.groups.first?.id
        }
    }

    /// The selected row as what a capability may be refused on: its group or queue, or its topic.
    var capabilityTarget: CapabilityTarget? {
        switch selected {
        case .group(let source), .member(let source, _): CapabilityTarget(source)
        case .queue(let name): .queue(name)
        case .topic(let topic), .partition(let topic, _): .topic(topic)
        default: nil
        }
    }

    var partition: PartitionRef? {
        if case .partition(let topic, let index) = selected { return PartitionRef(topic: topic, partition: index) }
        return nil
    }

    /// The partition a browse starts on: the selected one, the one the inspector shows, or the selected topic's first.
    var browsed: (topic: String?, partition: Int?) {
        switch selected {
        case .partition(let topic, let index): return (topic, index)
        case .topic(let topic): return (topic, 0)
        default:
            if case .partition(let topic, let index, _)? = snapshot.inspection?.target { return (topic, index) }
            return (group.flatMap { snapshot.group($0)?.subscriptions.first }, nil)
        }
    }

    /// The selected member or queue-consumer instance, with the group or queue it belongs to.
    var member: (group: GroupOrQueue, member: String)? {
        if case .member(let group, let member) = selected { return (group, member) }
        return nil
    }

    /// The topic or queue an event would go to: the selected one, else the first queue or topic.
    var publishTarget: String? {
        switch selected {
        case .topic(let topic), .partition(let topic, _): return topic
        // A dead letter goes back where it came from: to the first of its sources.
        case .queue(let name): return snapshot.queue(name)?.deadLetterOf.first ?? name
        case .group(.group(let id)), .member(.group(let id), _): return snapshot.group(id)?.subscriptions.first
        case .group(.queue(let name)), .member(.queue(let name), _): return name
        default: return snapshot.queues.first { !$0.isDeadLetterQueue }?.name ?? snapshot.topics.first?.name
        }
    }

    /// The consumer whose instances `+`/`-` add or remove.
    var consumer: String? {
        if let member, let instance = snapshot.instances.first(where: { $0.id == member.member }) {
            return instance.consumer
        }
        // A real Kafka client is removed by its member id: it has no instances to count.
        if let member, let group = member.group.group, snapshot.group(group)?.members
            .contains(where: { $0.id == member.member && $0.clientId != nil }) == true {
            return member.member
        }
        let source: GroupOrQueue? = switch selected {
        case .group(let id): id
        case .queue(let name): .queue(name)
        default: group.map { .group($0) }
        }
        guard let source else { return nil }
        if let instance = snapshot.instances.first(where: { $0.source == source }) { return instance.consumer }
        return source.group?.name ?? source.queue
    }

    /// The dead-letter queue to redrive: the selected DLQ, the selected queue's DLQ, or the first DLQ.
    var deadLetterQueue: QueueSnapshot? {
        if case .queue(let name) = selected, let queue = snapshot.queues.first(where: { $0.name == name }) {
            if queue.isDeadLetterQueue { return queue }
            if let dlq = queue.deadLetterQueue, let found = snapshot.queues.first(where: { $0.name == dlq }) {
                return found
            }
        }
        return snapshot.queues.first(where: \.isDeadLetterQueue)
    }

    /// The downstream an outage toggles, and whether it is up now.
    var downstream: (name: String, up: Bool)? {
        if case .breaker(let name) = selected {
            if let known = snapshot.downstreams.first(where: { $0.name == name }) { return (known.name, known.up) }
            if let breaker = snapshot.breakers.first(where: { $0.name == name }) { return (name, breaker.downstreamUp) }
        }
        if let first = snapshot.downstreams.first { return (first.name, first.up) }
        return snapshot.breakers.first.map { ($0.name, $0.downstreamUp) }
    }

    /// The producer a rate spike applies to, and its current multiplier.
    var producer: (name: String, multiplier: Double)? {
        let target = publishTarget
        if let match = snapshot.producers.first(where: { $0.target == target }) ?? snapshot.producers.first {
            return (match.name, match.rateMultiplier)
        }
        return target.map { ($0, 1) }
    }

    /// The instance state of a member or queue consumer, from the instances the snapshot lists.
    func instanceState(_ member: String, group: GroupOrQueue) -> InstanceSnapshot.State {
        if let instance = snapshot.instances.first(where: { $0.id == member }) { return instance.state }
        let memberSnapshot = group.group.flatMap { snapshot.group($0) }?.members.first { $0.id == member }
        return memberSnapshot?.paused == true ? .paused : .running
    }

    /// How a member reads on screen: idle only while it runs and owns no partition of its stream group
    /// (more members than partitions); a member between records is running. Queue consumers are never idle.
    /// From what the caller found: the member's instance, its stream-group member, whether its group is one.
    func memberState(instance: InstanceSnapshot?, member found: MemberSnapshot?, inStreamGroup: Bool) -> InstanceSnapshot.State {
        let state = instance?.state ?? (found?.paused == true ? .paused : .running)
        guard state == .running || state == .idle else { return state }
        guard inStreamGroup else { return .running }
        guard let found else { return state }
        return found.assigned.isEmpty ? .idle : .running
    }

    /// Whether a whole group is paused, as the broker holds it; for a queue, whether every consumer
    /// instance reading it is.
    func groupPaused(_ id: GroupOrQueue) -> Bool {
        if let group = id.group { return snapshot.group(group)?.paused ?? false }
        let ids = snapshot.instances.filter { $0.source == id }
        return !ids.isEmpty && ids.allSatisfy { $0.state == .paused }
    }
}

extension SystemSnapshot {
    /// What a queue's consumers finish per second: their rates added up over the window each of their
    /// rows reads, else the queue's own ack rate where the backend lists no instances.
    func queueDoneRate(_ name: String) -> Double {
        let readers = instances.filter { $0.source == .queue(name) }
        guard !readers.isEmpty else { return queue(name)?.ackedPerSecond ?? 0 }
        return readers.reduce(0) { $0 + $1.processedPerSecond }
    }
}
