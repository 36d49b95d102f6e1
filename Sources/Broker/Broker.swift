// # Broker: API overview
//
// An embedded broker with Kafka/JetStream-style streams and SQS/JetStream/RabbitMQ-style work queues.
// All time comes from an injected `BrokerClock`; every call reads it once and applies whatever became due
// by then in what it touches (deadline expiry, delayed messages, age retention, rate-limited redrive), so
// the same calls at the same clock times give the same results. `processDue()` (and `snapshot()`) applies
// it everywhere, for a consistent broker-wide view. Safe to call from several threads: a lock per
// partition, group and queue (plus one for the name registry). Handles (`Topic`, `ConsumerGroup`,
// `WorkQueue`) are cheap to keep; look them up once. Every failure is a `BrokerError` with a description.
//
//     let clock = ManualClock()                        // tests/simulation (set(to:), advance(by:))
//     let broker = Broker(clock: clock, randomSeed: 42) // MonotonicClock() for live use
//
// Streams (offsets gap-free from 0 per partition; keyed records partitioned like Kafka's Java client)
//     let orders = try broker.createTopic("orders", partitions: 3,
//                                         retention: Retention(maxMessages: 10_000, maxAge: nil, discard: .old))
//     try orders.produce(ProducerRecord(key: Array("k".utf8), value: bytes, headers: [], messageId: "m-1"))
//         // -> AppendOutcome: .appended(partition:offset:) or .duplicate(partition:offset:) (dedupe window)
//         // discard .new at a limit throws BrokerError.retentionLimitReached
//     orders.produce(contentsOf: records)              // batch -> AppendSummary; the hot path
//     let billing = try broker.createGroup("billing", topic: "orders", strategy: .range,   // .roundRobin, .sticky
//                                          start: .earliest, autoCommitInterval: nil)      // SeekPosition
//     billing.join(member: "billing/0")                 // rebalances; returns the new generation
//     let batch = try billing.poll(member: "billing/0", max: 100)   // RecordBatch of StoredRecord views
//     try billing.poll(member: "billing/0", max: 100, into: &batch)  // reuses the batch: no allocation
//     try billing.commit(batch)                         // refused after a rebalance (staleGeneration)
//     try billing.commit(member: "billing/0")           // or commit(member:partition:offset:)
//     try billing.pause(member: "billing/0", partition: 1); try billing.resume(member: nil) // nil: whole group
//     try billing.seek(partition: nil, to: .time(t))    // replay; returns how many records come again
//     try billing.replayCount(partition: nil, to: .earliest)   // the same count, without seeking
//     billing.totalLag; try billing.lag(partition: 0); try billing.assignment(of: "billing/0")
//     try orders.read(partition: 0, from: 0, max: 50)   // inspector / replay view (clamped to log start)
//
// Work queues
//     let jobs = try broker.createQueue("jobs", config: QueueConfig(
//         ackDeadline: 30 * NanosPerUnit.second, maxDeliveries: 5, deadLetterQueue: "jobs.dlq",
//         retry: .exponential(initial: 100 * NanosPerUnit.millisecond, multiplier: 2,
//                             max: 10 * NanosPerUnit.second, jitter: .full),      // or .schedule([...])
//         capacity: 1_000, overflow: .rejectNew, maxInFlightPerConsumer: 10))     // .dropOldest, .block
//     try jobs.enqueue(QueueMessage(value: bytes, messageId: "j-1", delay: 5 * NanosPerUnit.second))
//         // -> EnqueueOutcome: .enqueued(sequence:), .enqueuedDroppingOldest, .duplicate, .blocked;
//         //    reject-new at capacity throws BrokerError.queueFull (drop-oldest with nothing to drop: .queueFullNothingToDrop). Batch: enqueue(contentsOf:) -> EnqueueSummary
//     let deliveries = jobs.receive(consumer: "worker/0", max: 10)   // [Delivery]; or receive(..., into:)
//     try jobs.ack(d.receipt); try jobs.ack(deliveries)              // batch ack
//     try jobs.nack(d.receipt, delay: nil)              // nil: the retry policy's backoff
//     try jobs.inProgress(d.receipt)                    // extends the ack deadline
//     try jobs.terminate(d.receipt, reason: "bad payload")          // to the DLQ (dropped without one)
//     try jobs.setMaxInFlight(5, consumer: "worker/0"); jobs.pause(consumer:); jobs.resume(consumer:)
//     try broker.queue("jobs.dlq").redrive(perSecond: 10)   // nil rate: all at once
//     jobs.messages(limit: 100)                            // [QueueMessageInfo]: state, delivery count, origin
//     jobs.freeCapacity; jobs.depth; jobs.snapshot()
//
// Time and observation
//     broker.nextDeadline()     // Nanos? when something becomes due: schedule a wake-up, then processDue()
//     broker.processDue()       // apply everything due at the clock's current time, everywhere
//     broker.snapshot()         // BrokerSnapshot: [TopicSnapshot], [GroupSnapshot], [QueueSnapshot], totals
//     try broker.inspect(.queue(name: "jobs"))           // SluiceModel.Inspection (also .partition(...))
//     try broker.replayCount(group: "orders/billing", partition: nil, to: .earliest)
//     broker.drainEvents()      // [EventLogEntry]: rebalances, pauses, seeks, dead letters, redrives
//
// Counting: a queue's `produced` counts messages it took in; each leaves as `acked`, `deadLettered`
// (moved to the DLQ) or `dropped` (discarded) - except a drop-oldest overflow into a DLQ, which counts as
// both dropped and dead-lettered (and in `droppedToDeadLetter`, so a total can count it once). Retention
// drops count in a partition's `dropped`. Redriven messages leave a DLQ uncounted and count as produced at home.
// Histories (lag, depth) take one sample per clock second, when the group or queue is touched or snapshot.

public import SluiceModel
import Synchronization

/// The embedded broker: a registry of topics, consumer groups and work queues sharing one clock.
///
/// The registry has its own lock, taken only to create and look up; every operation on a stream or
/// queue takes the lock of its partition, group or queue.
public final class Broker: Sendable {
    public let clock: any BrokerClock
    /// Seeds each queue's jitter, so a run is reproducible.
    public let randomSeed: UInt64
    /// The dedupe window topics and queues get unless told otherwise (2 minutes, like JetStream).
    public let defaultDedupeWindow: Nanos
    let registry = Mutex(Registry())
    private let events = EventLog()
    /// Consumer groups of real Kafka clients (the listener's), beside the broker-assigned ones of simulated members.
    public let clientGroups: ClientAssignedGroups
    /// Producer ids and per-partition sequences of idempotent Kafka producers.
    public let idempotentProducers: IdempotentProducers
    /// What falls due next, across every topic and queue.
    private let schedule = DueSchedule()
    /// Told after every append to any topic: a waiting Kafka fetch wakes on it.
    public let appendSignal = AppendSignal()

    struct Registry {
        var topics: [String: Topic] = [:]
        var topicOrder: [Topic] = []
        /// Topics ever created: a topic's place in the due order, which a deleted topic does not give back.
        var topicsCreated = 0
        var groups: [GroupID: ConsumerGroup] = [:]
        var groupOrder: [ConsumerGroup] = []
        var queues: [String: WorkQueue] = [:]
        var queueOrder: [WorkQueue] = []
    }

    public init(clock: any BrokerClock, randomSeed: UInt64 = 0, defaultDedupeWindow: Nanos = 2 * 60 * NanosPerUnit.second) {
        self.clock = clock
        self.randomSeed = randomSeed
        self.defaultDedupeWindow = defaultDedupeWindow
        clientGroups = ClientAssignedGroups(clock: clock, events: events)
        idempotentProducers = IdempotentProducers(clock: clock)
    }

    /// Adds a line to the event log: the listener's own happenings (connections, faults) go beside the broker's.
    public func log(_ kind: EventLogEntry.Kind, _ text: String) {
        events.append(EventLogEntry(at: clock.now(), kind: kind, text: text))
    }

    /// The clock's current time.
    public var now: Nanos { clock.now() }

    // MARK: Streams

    @discardableResult
    public func createTopic(_ name: String, partitions: Int, retention: Retention = .unlimited,
                            dedupeWindow: Nanos? = nil, stampsAppendTime: Bool = false) throws(BrokerError) -> Topic {
        try registry.withLock { (registry) throws(BrokerError) -> Topic in
            guard registry.topics[name] == nil else { throw .topicExists(name) }
            let topic = try Topic(name: name, partitionCount: partitions, retention: retention,
                                  dedupeWindow: dedupeWindow ?? defaultDedupeWindow, clock: clock,
                                  creationIndex: registry.topicsCreated, schedule: schedule,
                                  stampsAppendTime: stampsAppendTime, appendSignal: appendSignal)
            registry.topicsCreated += 1
            registry.topics[name] = topic
            registry.topicOrder.append(topic)
            return topic
        }
    }

    public func topic(_ name: String) throws(BrokerError) -> Topic {
        try registry.withLock { (registry) throws(BrokerError) -> Topic in
            guard let topic = registry.topics[name] else { throw .unknownTopic(name) }
            return topic
        }
    }

    /// Topics in creation order.
    public var topics: [Topic] { registry.withLock { $0.topicOrder } }

    /// Produces one record to a topic by name.
    @discardableResult
    public func produce(topic name: String, _ record: ProducerRecord) throws(BrokerError) -> AppendOutcome {
        try topic(name).produce(record)
    }

    /// Creates a consumer group on a topic; `start` places a new group's offsets (clamped to the log).
    @discardableResult
    public func createGroup(_ name: String, topic topicName: String, strategy: AssignmentStrategy = .range,
                            start: SeekPosition = .earliest, autoCommitInterval: Nanos? = nil) throws(BrokerError) -> ConsumerGroup {
        let topic = try topic(topicName)
        return try registry.withLock { (registry) throws(BrokerError) -> ConsumerGroup in
            let id = GroupID(name, stream: topicName)
            guard registry.groups[id] == nil else { throw .groupExists(id.description) }
            let group = try ConsumerGroup(name: name, topic: topic, strategy: strategy, start: start,
                                          autoCommitInterval: autoCommitInterval, clock: clock, events: events)
            registry.groups[id] = group
            registry.groupOrder.append(group)
            return group
        }
    }

    public func group(_ name: String, topic: String) throws(BrokerError) -> ConsumerGroup {
        try group(id: GroupID(name, stream: topic))
    }

    /// A group by its id, as commands name it.
    public func group(id: GroupID) throws(BrokerError) -> ConsumerGroup {
        try registry.withLock { (registry) throws(BrokerError) -> ConsumerGroup in
            guard let group = registry.groups[id] else { throw .unknownGroup(id.description) }
            return group
        }
    }

    /// Groups in creation order.
    public var groups: [ConsumerGroup] { registry.withLock { $0.groupOrder } }

    /// What seeking a group would do: records handed out again and records skipped.
    public func seekCount(group id: GroupID, partition: Int?, to target: SeekPosition) throws(BrokerError) -> SeekCount {
        try group(id: id).seekCount(partition: partition, to: target)
    }

    // MARK: Work queues

    /// Creates a work queue; its dead-letter queue is created too (default rules) if it does not exist.
    @discardableResult
    public func createQueue(_ name: String, config: QueueConfig = QueueConfig()) throws(BrokerError) -> WorkQueue {
        try config.validate(queue: name)
        return try registry.withLock { (registry) throws(BrokerError) -> WorkQueue in
            guard registry.queues[name] == nil else { throw .queueExists(name) }
            var deadLetterQueue: WorkQueue?
            if let dlqName = config.deadLetterQueue {
                if let existing = registry.queues[dlqName] {
                    deadLetterQueue = existing
                } else {
                    deadLetterQueue = try makeQueue(dlqName, config: QueueConfig(), in: &registry)
                }
            }
            return try makeQueue(name, config: config, deadLetterQueue: deadLetterQueue, in: &registry)
        }
    }

    public func queue(_ name: String) throws(BrokerError) -> WorkQueue {
        try registry.withLock { (registry) throws(BrokerError) -> WorkQueue in
            guard let queue = registry.queues[name] else { throw .unknownQueue(name) }
            return queue
        }
    }

    /// Queues (dead-letter queues included) in creation order.
    public var queues: [WorkQueue] { registry.withLock { $0.queueOrder } }

    private func makeQueue(_ name: String, config: QueueConfig, deadLetterQueue: WorkQueue? = nil,
                           in registry: inout Registry) throws(BrokerError) -> WorkQueue {
        let queue = try WorkQueue(name: name, config: config, deadLetterQueue: deadLetterQueue, randomSeed: randomSeed,
                                  clock: clock, events: events, creationIndex: registry.queueOrder.count, schedule: schedule)
        registry.queues[name] = queue
        registry.queueOrder.append(queue)
        return queue
    }

    // MARK: Time

    /// The earliest time something becomes due anywhere (a delay ending, an ack deadline, a record aging
    /// out, a redrive step); nil when nothing is scheduled. A simulation wakes then and calls `processDue()`.
    /// O(log n) in the number of things scheduled, whatever the number of topics and queues.
    public func nextDeadline() -> Nanos? { schedule.nextDue() }

    /// Applies everything due at the clock's current time, in every topic and queue: partitions first,
    /// then queues, each in creation order. Only what is due is visited.
    public func processDue() { schedule.applyDue(now: clock.now()) }

    // MARK: Observation

    /// Everything the dashboard shows of the broker, as of now. What is due is applied everywhere first,
    /// so a message moving between queues (a dead letter, a redrive) is seen in exactly one of them.
    public func snapshot() -> BrokerSnapshot {
        processDue()
        let (topics, groups, queues) = registry.withLock { ($0.topicOrder, $0.groupOrder, $0.queueOrder) }
        let now = clock.now()
        let byName = Dictionary(topics.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let clientGroupSnapshots = clientGroups.all.map { $0.snapshot(now: now) { byName[$0] } }
        return BrokerSnapshot(now: now, topics: topics.map { $0.snapshot(now: now) },
                              groups: groups.map { $0.snapshot(now: now) } + clientGroupSnapshots,
                              queues: queues.map { $0.snapshot() }, producers: idempotentProducers.snapshot())
    }

    /// Rebalances, seeks, pauses, dead letters and redrives since the last drain, oldest first.
    public func drainEvents() -> [EventLogEntry] { events.drain() }
}
