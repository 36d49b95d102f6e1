/// What an action may be refused on, one by one: a consumer group, a work queue (or a dead-letter queue), a
/// topic or stream. A RabbitMQ stream queue cannot be browsed, a Kafka group with members cannot be reset.
public enum CapabilityTarget: Sendable, Hashable, CustomStringConvertible {
    case group(GroupID)
    case queue(String)
    case topic(String)

    /// What the consumers of a group or a queue are, as a target.
    public init(_ consumers: GroupOrQueue) {
        switch consumers {
        case .group(let id): self = .group(id)
        case .queue(let name): self = .queue(name)
        }
    }

    public var description: String {
        switch self {
        case .group(let id): id.description
        case .queue(let name), .topic(let name): name
        }
    }
}

extension Command {
    /// What the command acts on, for availability per target. A publish or a poison names a topic or a queue
    /// by one name, so it is either.
    public var capabilityTargets: [CapabilityTarget] {
        switch self {
        case .publish(let target, _, _, _, _), .injectPoison(let target): [.topic(target), .queue(target)]
        case .pause(let consumers, _), .resume(let consumers, _): [CapabilityTarget(consumers)]
        case .seek(let group, _, _), .skip(let group, _, _), .claim(let group, _, _): [.group(group)]
        case .redrive(let queue, _), .purge(let queue): [.queue(queue)]
        case .copyToDeadLetter(.queue(let queue), _, _): [.queue(queue)]
        case .copyToDeadLetter(.partition(let partition), _, _): [.topic(partition.topic)]
        case .inspect(.queue(let name, _)?): [.queue(name)]
        case .inspect(.partition(let topic, _, _)?): [.topic(topic)]
        case .inspect(nil), .addInstance, .removeInstance, .crash, .restart, .setOutage, .setRateMultiplier, .setSpeed,
             .setPaused, .step, .restartRun, .lessonStep, .openLesson: []
        }
    }
}
