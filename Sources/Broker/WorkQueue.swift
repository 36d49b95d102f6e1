public import SluiceModel
import Synchronization

/// A work queue: each message goes to one consumer at a time and stays until acked, terminated or
/// dead-lettered (SQS, JetStream work-queue, RabbitMQ semantics).
///
/// A dead-letter queue is a work queue too: consumers may read it, and `redrive` sends its messages home.
public final class WorkQueue: DueSource {
    public let name: String
    public let config: QueueConfig
    /// Where this queue's dead letters go.
    public let deadLetterQueue: WorkQueue?
    private let state: Mutex<QueueState>
    /// Queues dead-lettering into this one, held weakly (they hold this one strongly).
    private let sources = Mutex<[String: WeakQueue]>([:])
    private let clock: any BrokerClock
    let dueOrder: DueOrder
    /// Told when this queue's next timer or redrive step becomes earlier than last reported.
    private let schedule: DueSchedule

    private final class WeakQueue: @unchecked Sendable {
        // Written once, in init; read under the `sources` lock.
        weak var queue: WorkQueue?
        init(_ queue: WorkQueue) { self.queue = queue }
    }

    init(name: String, config: QueueConfig, deadLetterQueue: WorkQueue?, randomSeed: UInt64,
         clock: any BrokerClock, events: EventLog, creationIndex: Int, schedule: DueSchedule) throws(BrokerError) {
        try config.validate(queue: name)
        self.name = name
        self.config = config
        self.deadLetterQueue = deadLetterQueue
        self.clock = clock
        dueOrder = DueOrder(kind: .queue, index: creationIndex, part: 0)
        self.schedule = schedule
        state = Mutex(QueueState(name: name, config: config, randomSeed: randomSeed, events: events, now: clock.now()))
        deadLetterQueue?.sources.withLock { $0[name] = WeakQueue(self) }
    }

    /// Names of the queues whose dead letters this one holds, sorted.
    public var deadLetterSources: [String] { sources.withLock { $0.keys.sorted() } }

    // MARK: Producing

    @discardableResult
    public func enqueue(_ message: QueueMessage) throws(BrokerError) -> EnqueueOutcome {
        try perform { (state, now) throws(BrokerError) in
            state.beginEnqueue(now: now)
            let outcome = try withUnsafePointer(to: message) { (message) throws(BrokerError) in try state.admit(message, now: now) }
            if outcome.stored { state.finishEnqueue(accepted: 1, now: now) }
            return outcome
        }
    }

    @discardableResult
    public func enqueue(value: [UInt8], key: [UInt8]? = nil, headers: [Header] = [], messageId: String? = nil,
                        delay: Nanos? = nil) throws(BrokerError) -> EnqueueOutcome {
        try enqueue(QueueMessage(value: value, key: key, headers: headers, messageId: messageId, delay: delay))
    }

    /// Enqueues a batch under one lock; refusals are counted, not thrown.
    public func enqueue(contentsOf messages: [QueueMessage]) -> EnqueueSummary {
        perform { state, now in
            var summary = EnqueueSummary()
            state.beginEnqueue(now: now)
            // Messages are read in place from the array's buffer: copying each would retain its arrays.
            messages.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for index in 0..<buffer.count {
                    do throws(BrokerError) {
                        switch try state.admit(base + index, now: now) {
                    case .enqueued: summary.enqueued += 1
                    case .enqueuedDroppingOldest:
                        summary.enqueued += 1
                        summary.droppedOldest += 1
                        case .duplicate: summary.duplicates += 1
                        case .blocked: summary.blocked += 1
                        }
                    } catch {
                        summary.rejected += 1
                    }
                }
            }
            state.finishEnqueue(accepted: summary.enqueued, now: now)
            return summary
        }
    }

    /// Room left before the capacity bound (nil when unbounded): a blocked producer waits for this.
    public var freeCapacity: Int? {
        guard let capacity = config.capacity else { return nil }
        return perform { state, _ in max(0, capacity - state.depth) }
    }

    // MARK: Consuming

    /// Up to `max` messages for `consumer`, each in flight until `ackDeadline` (the queue's by default).
    public func receive(consumer: String, max: Int = 1, ackDeadline: Nanos? = nil) -> [Delivery] {
        var deliveries: [Delivery] = []
        receive(consumer: consumer, max: max, ackDeadline: ackDeadline, into: &deliveries)
        return deliveries
    }

    /// Like `receive(consumer:max:ackDeadline:)`, refilling `deliveries` so its storage is reused.
    public func receive(consumer: String, max: Int = 1, ackDeadline: Nanos? = nil, into deliveries: inout [Delivery]) {
        perform { state, now in
            state.receive(consumer: consumer, max: max, ackDeadline: ackDeadline, now: now, into: &deliveries)
        }
    }

    /// Sets a consumer's prefetch (max in flight); nil falls back to the queue's default.
    public func setMaxInFlight(_ limit: Int?, consumer: String) throws(BrokerError) {
        if let limit, limit < 1 { throw .invalidArgument("max in-flight must be at least 1, got \(limit)") }
        perform { state, _ in state.setMaxInFlight(limit, consumer: consumer) }
    }

    /// A paused consumer receives nothing; its messages in flight keep their deadlines.
    public func pause(consumer: String) { perform { state, _ in state.setPaused(true, consumer: consumer) } }
    public func resume(consumer: String) { perform { state, _ in state.setPaused(false, consumer: consumer) } }

    public func ack(_ receipt: DeliveryReceipt) throws(BrokerError) {
        try perform { (state, now) throws(BrokerError) in try state.ack(receipt, now: now) }
    }

    /// Acks a batch under one lock. Returns how many were acked; throws the first failure after acking the rest.
    @discardableResult
    public func ack(_ deliveries: [Delivery]) throws(BrokerError) -> Int {
        let (acked, failure) = perform { state, now in state.ack(deliveries, now: now) }
        if let failure { throw failure }
        return acked
    }

    /// Gives a message back: redelivered after `delay`, else after the retry policy's backoff, unless it
    /// has used up its deliveries and goes to the dead-letter queue.
    public func nack(_ receipt: DeliveryReceipt, delay: Nanos? = nil) throws(BrokerError) {
        try perform { (state, now) throws(BrokerError) in try state.nack(receipt, delay: delay, now: now) }
    }

    /// Still working on it: the ack deadline becomes now plus `extendBy` (the queue's ack deadline by default).
    @discardableResult
    public func inProgress(_ receipt: DeliveryReceipt, extendBy: Nanos? = nil) throws(BrokerError) -> Nanos {
        try perform { (state, now) throws(BrokerError) in try state.extend(receipt, by: extendBy, now: now) }
    }

    /// Never deliver this again: it goes to the dead-letter queue (or is dropped when there is none).
    public func terminate(_ receipt: DeliveryReceipt, reason: String = "terminated by consumer") throws(BrokerError) {
        try perform { (state, now) throws(BrokerError) in try state.terminate(receipt, reason: reason, now: now) }
    }

    // MARK: Dead letters

    /// Sends the dead letters this queue holds now back to their source queues, at most `perSecond`
    /// (all at once when nil); ones arriving later wait for the next redrive. A full source refuses;
    /// the redrive then retries a second later.
    public func redrive(perSecond: Double? = nil) throws(BrokerError) {
        try perform { (state, now) throws(BrokerError) in
            guard state.holdsDeadLetters else { throw .notADeadLetterQueue(name) }
            try state.startRedrive(perSecond: perSecond, now: now)
        }
    }

    /// Drops every waiting message (a purge); delayed and in-flight ones stay. Answers how many went.
    @discardableResult
    public func purge() -> Int { perform { state, now in state.purgeWaiting(now: now) } }

    // MARK: Observation

    /// Messages held (waiting, delayed, in flight), oldest first, after skipping the first `skip`.
    public func messages(skip: Int = 0, limit: Int = 100) -> [QueueMessageInfo] {
        perform { state, _ in state.messages(skip: skip, limit: limit) }
    }

    /// Waiting + delayed + in flight.
    public var depth: Int { perform { state, _ in state.depth } }

    /// The time every message held now (waiting, delayed, in flight) has spent in the queue since `start`, or
    /// since its enqueue if later, until `now`: Little's law's share of the messages still inside a window.
    /// Kept as a running sum once asked, so asking again from the same `start` reads no message.
    public func heldResidence(since start: Nanos, until now: Nanos) -> Int64 {
        perform { state, _ in state.heldResidence(since: start, until: now) }
    }

    /// Messages ready for delivery now.
    public var waitingCount: Int { perform { state, _ in state.waitingCount } }

    /// When this queue next has something due (a delay ending, a deadline expiring, a redrive step).
    public var nextDueTime: Nanos? { perform { state, _ in state.nextDueTime } }

    /// Applies everything due at the clock's current time.
    public func processDue() { perform { _, _ in } }

    func applyDue(now: Nanos) { processDue() }

    func confirmNextDue() -> Nanos? { state.withLock { $0.confirmNextDue() } }

    /// This queue's part of the broker snapshot, as of now.
    public func snapshot() -> QueueSnapshot {
        let deadLetterOf = deadLetterSources
        return perform { state, now in state.snapshot(now: now, deadLetterOf: deadLetterOf) }
    }

    // MARK: Plumbing

    /// Runs `body` under the lock after applying what is due, then hands over dead letters and redriven
    /// messages with no lock held (so two queues' locks are never held together).
    private func perform<Result: Sendable, Failure: Error>(
        _ body: (inout QueueState, Nanos) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let now = clock.now()
        let (outcome, outbox, due) = state.withLock { state in
            state.advance(to: now)
            let outcome: Swift.Result<Result, Failure>
            do throws(Failure) { outcome = .success(try body(&state, now)) } catch { outcome = .failure(error) }
            return (outcome, state.takeOutbox(), state.dueToReport())
        }
        if let due { schedule.report(self, at: due) }
        if !outbox.isEmpty { handOver(outbox, now: now) }
        return try outcome.get()
    }

    private func handOver(_ transfers: [QueueState.Transfer], now: Nanos) {
        var deadLetters: [QueueState.Transfer] = []
        var redriven: [String: [QueueState.Transfer]] = [:]
        var order: [String] = []
        for transfer in transfers {
            switch transfer.destination {
            case .deadLetterQueue: deadLetters.append(transfer)
            case .source(let source):
                if redriven[source] == nil { order.append(source) }
                redriven[source, default: []].append(transfer)
            }
        }
        if !deadLetters.isEmpty, let deadLetterQueue {
            deadLetterQueue.perform { state, now in state.acceptDeadLetters(deadLetters, now: now) }
        }
        for source in order {
            let batch = redriven[source] ?? []
            let target = sources.withLock { $0[source]?.queue }
            let refused = target.map { queue in queue.perform { state, now in state.acceptRedriven(batch, now: now) } } ?? batch
            if !refused.isEmpty { perform { state, now in state.returnRefused(refused, now: now) } }
        }
    }
}
