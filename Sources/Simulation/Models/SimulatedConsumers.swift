import Broker
import SluiceModel

/// A consumer of the run (stream or queue), by the order the scenario lists it; only `SimulatedConsumers`
/// makes one, so an id always names a consumer that exists.
struct ConsumerID: Hashable {
    fileprivate(set) var index: Int
}

/// One running copy of a consumer (`billing/2`), by the order instances started; only
/// `SimulatedConsumers` makes one. An instance removed by scaling keeps its id (events scheduled for it
/// still name it) and is no longer `exists`.
struct InstanceID: Hashable {
    fileprivate(set) var index: Int
}

/// The consumers and their instances, owned in one place and reached by typed ids: what every consumer has
/// (`ConsumerID`), the instance table they share (`InstanceID`), and the state only one kind has, in a
/// part per kind (`StreamConsumerID`, `QueueConsumerID`), each made together with its consumer so an id
/// always names state that exists. The lookups the engine needs per event are kept as indexes (by name and
/// by source) rather than searched: which consumers read a stream or queue, and which of them may have
/// work to hand out after the current event.
struct SimulatedConsumers {
    private var states: [ConsumerState] = []
    private var streams = EntityStore<StreamConsumerState>()
    private var queues = EntityStore<QueueConsumerState>()
    private var members: [InstanceState] = []
    private var byName: [String: ConsumerID] = [:]
    private var memberByName: [String: InstanceID] = [:]
    private var bySource: [String: [ConsumerID]] = [:]
    private var streamsByTopic: [String: [StreamConsumerID]] = [:]
    private var dirty: [Bool] = []
    private var dirtyList: [ConsumerID] = []

    /// Adds a stream consumer reading through `group`, from `startOffsets` (per partition).
    @discardableResult
    mutating func addStream(_ spec: ConsumerSpec, group: ConsumerGroup, startOffsets: [Int64], random: SeededGenerator,
                            downstream: DownstreamID?) -> ConsumerID {
        let id = ConsumerID(index: states.count)
        let stream = streams.add(StreamConsumerState(consumer: id, group: group, startOffsets: startOffsets), named: spec.name)
        streamsByTopic[group.topic.name, default: []].append(stream)
        add(ConsumerState(spec: spec, source: .stream(group: group, stream), random: random, downstream: downstream))
        return id
    }

    /// Adds a queue consumer of `queue`, whose statistics are `stats`.
    @discardableResult
    mutating func addQueue(_ spec: ConsumerSpec, queue: WorkQueue, stats: QueueID, random: SeededGenerator,
                           downstream: DownstreamID?) -> ConsumerID {
        let id = ConsumerID(index: states.count)
        let part = queues.add(QueueConsumerState(consumer: id, queue: queue, stats: stats, spec: spec), named: spec.name)
        add(ConsumerState(spec: spec, source: .queue(queue, part), random: random, downstream: downstream))
        return id
    }

    private mutating func add(_ state: ConsumerState) {
        let id = ConsumerID(index: states.count)
        states.append(state)
        dirty.append(false)
        if byName[state.spec.name] == nil { byName[state.spec.name] = id }
        bySource[state.spec.source, default: []].append(id)
    }

    /// Starts one more instance of `consumer`, numbered after its last one, last in its round-robin order.
    mutating func addInstance(to consumer: ConsumerID, slowness: (Int) -> Double) -> InstanceID {
        let spec = states[consumer.index].spec
        let number = states[consumer.index].nextInstanceNumber
        states[consumer.index].nextInstanceNumber += 1
        let instance = InstanceState(consumer: consumer, number: number, position: states[consumer.index].instances.count,
                                     consumerName: spec.name, concurrency: spec.concurrency, slowness: slowness(number))
        switch states[consumer.index].source {
        case .stream(let group, let stream): streams[stream].members.append(StreamMemberState(partitions: group.topic.partitionCount))
        case .queue(_, let part): queues[part].members.append(QueueMemberState())
        }
        let id = InstanceID(index: members.count)
        members.append(instance)
        if memberByName[instance.name] == nil { memberByName[instance.name] = id }
        states[consumer.index].instances.append(id)
        return id
    }

    var ids: [ConsumerID] { states.indices.map { ConsumerID(index: $0) } }
    var all: [ConsumerState] { states }
    var instanceIDs: [InstanceID] { members.indices.map { InstanceID(index: $0) } }
    var allInstances: [InstanceState] { members }
    /// Stream consumers, in scenario order.
    var streamIDs: [StreamConsumerID] { streams.ids }
    var allStreams: [StreamConsumerState] { streams.all }
    /// Queue consumers, in scenario order.
    var queueIDs: [QueueConsumerID] { queues.ids }

    subscript(id: ConsumerID) -> ConsumerState {
        _read { yield states[id.index] }
        _modify { yield &states[id.index] }
    }

    subscript(id: InstanceID) -> InstanceState {
        _read { yield members[id.index] }
        _modify { yield &members[id.index] }
    }

    subscript(id: StreamConsumerID) -> StreamConsumerState {
        _read { yield streams[id] }
        _modify { yield &streams[id] }
    }

    subscript(id: QueueConsumerID) -> QueueConsumerState {
        _read { yield queues[id] }
        _modify { yield &queues[id] }
    }

    /// What instance `id` of stream consumer `stream` holds (`id` is one of that consumer's instances:
    /// callers take both from the instance's consumer, or walk the consumer's instances).
    subscript(id: InstanceID, of stream: StreamConsumerID) -> StreamMemberState {
        _read { yield streams[stream].members[members[id.index].position] }
        _modify { yield &streams[stream].members[members[id.index].position] }
    }

    /// What instance `id` of queue consumer `part` holds (`id` is one of that consumer's instances).
    subscript(id: InstanceID, of part: QueueConsumerID) -> QueueMemberState {
        _read { yield queues[part].members[members[id.index].position] }
        _modify { yield &queues[part].members[members[id.index].position] }
    }

    /// Forgets everything an instance holds and works on (a crash, a removal).
    mutating func dropWork(of id: InstanceID) {
        members[id.index].dropJobs()
        switch states[members[id.index].consumer.index].source {
        case .stream(_, let stream): self[id, of: stream].dropWork()
        case .queue(_, let part): self[id, of: part].deliveries.removeAll()
        }
    }

    /// The consumer a scenario, fault or command names.
    func id(named name: String) -> ConsumerID? { byName[name] }

    /// The live instance a target names (`billing/2`).
    func instance(named name: String) -> InstanceID? {
        guard let id = memberByName[name], members[id.index].exists else { return nil }
        return id
    }

    /// Consumers reading the stream or queue of that name, in scenario order.
    func reading(_ source: String) -> [ConsumerID] { bySource[source] ?? [] }

    /// Stream consumers reading the topic of that name, in scenario order.
    func streams(reading topic: String) -> [StreamConsumerID] { streamsByTopic[topic] ?? [] }

    /// The stream consumer whose group this is.
    func stream(group id: GroupID) -> StreamConsumerID? {
        guard let topic = id.stream else { return nil }
        return streams(reading: topic).first { streams[$0].group.id == id }
    }
    /// Live instances of a consumer, in instance-number order.
    func liveInstances(of consumer: ConsumerID) -> [InstanceID] {
        states[consumer.index].instances.filter { members[$0.index].exists }
    }

    /// The consumer may have work to hand out: dispatch it after the current event.
    mutating func markDirty(_ id: ConsumerID) {
        guard !dirty[id.index] else { return }
        dirty[id.index] = true
        dirtyList.append(id)
    }

    var hasDirty: Bool { !dirtyList.isEmpty }

    /// The consumers marked since the last call, in the order they were marked. Each stays marked until
    /// `dispatching` takes it: one dispatched earlier in the batch that marks a later one adds nothing.
    mutating func takeDirty() -> [ConsumerID] {
        let batch = dirtyList
        dirtyList.removeAll(keepingCapacity: true)
        return batch
    }

    /// The consumer is being dispatched now: marking it again queues another dispatch.
    mutating func dispatching(_ id: ConsumerID) { dirty[id.index] = false }
}
