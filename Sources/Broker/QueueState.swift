import DequeModule
import SluiceModel

/// A work queue's messages and bookkeeping, guarded by the queue's lock.
///
/// Messages live in slots reused through a free list; a held slot is in exactly one place: the ready line
/// (waiting) or the timer queue (delayed or in flight). Everything time-driven happens in `advance(to:)`,
/// which every operation calls first with the clock's current time.
struct QueueState: ~Copyable {
    enum SlotState: UInt8 { case free, waiting, delayed, inFlight }

    /// 72 bytes, and the value's own allocation: a waiting message costs under 96 bytes beyond its value
    /// (`sluice bench --workload queue-memory`). Fields are ordered so none leaves padding.
    struct Slot {
        var value = StoredBytes.empty
        /// Goes up with every delivery: with the sequence, it tells a receipt of this delivery from an
        /// older one of the same message, or one of the message the slot held before.
        var deliveryCount: Int32 = 0
        var extras: MessageExtras?
        var sequence: Int64 = 0
        var enqueuedAt: Nanos = 0
        /// Delayed: when it becomes deliverable. In flight: its ack deadline.
        var due: Nanos = 0
        var firstDelivery = Slot.never
        var lastDelivery = Slot.never
        var consumer: Int32 = -1
        var state = SlotState.free

        var key: [UInt8]? { extras?.key }
        var headers: [Header] { extras?.headers ?? [] }
        var messageId: String? { extras?.messageId }

        static let never = Nanos.min
    }

    struct Consumer {
        let id: String
        var inFlight = 0
        var maxInFlight: Int?
        var paused = false
        var counters = Counters()
    }

    /// A message leaving this queue for another one once the lock is released.
    struct Transfer: Sendable {
        enum Destination: Sendable { case deadLetterQueue, source(String) }
        let destination: Destination
        let message: QueueMessage
        let origin: DeadLetterOrigin?
    }

    /// Moving dead letters home. Like SQS's message move task it takes the dead letters present when it
    /// starts, so poison that dies again during the redrive does not keep it going forever.
    struct Redrive {
        let perSecond: Double?
        let startedAt: Nanos
        /// Dead letters still to move.
        var remaining: Int64
        var moved: Int64 = 0
        /// After a source refused messages (it was full), wait until then before trying again.
        var notBefore: Nanos

        /// Messages the rate allows by `time`: one at the start, then one every 1/rate seconds.
        func tokens(at time: Nanos) -> Int64 {
            guard let perSecond else { return .max }
            return Int64((perSecond * Double(time - startedAt) / Double(NanosPerUnit.second)).rounded(.down)) + 1
        }
    }

    private static let recentDeadLetterCount = 20
    private static let redriveRetryPause = NanosPerUnit.second

    let name: String
    let config: QueueConfig
    private let events: EventLog
    private var slots = SlotTable<Slot>()
    private var freeSlots = Ring<UInt32>()
    private var ready = Ring<UInt32>()
    private var timers = TimerQueue()
    private var delayedCount = 0
    private var inFlightCount = 0
    private var nextSequence: Int64 = 1
    private var consumers: [Consumer] = []
    private var consumerIndex: [String: Int] = [:]
    private var dedupe: DedupeWindow<Int64>
    private var random: SeededGenerator
    private var deadLetterOrigins: [UInt32: DeadLetterBox] = [:]
    private var counters = Counters()
    private var enqueueRate: RateMeter
    private var ackRate: RateMeter
    private var redeliverRate: RateMeter
    private var latency = LatencyRecorder()
    private var attempts: [Int64] = []
    private var depthHistory = SecondSeries()
    private var recentDeadLetters: Deque<DeadLetterInfo> = []
    private var redrive: Redrive?
    /// Where `heldResidence` counts from, once asked, and the sum over held messages of how much later than
    /// that each was enqueued (0 for one enqueued before): kept as messages come and go, so the time held
    /// messages have spent in the queue since then costs O(1) to read.
    struct Residence {
        let start: Nanos
        var lateness: Int64 = 0

        mutating func add(enqueuedAt: Nanos) { lateness += Swift.max(enqueuedAt, start) - start }
        mutating func remove(enqueuedAt: Nanos) { lateness -= Swift.max(enqueuedAt, start) - start }
    }
    private var residence: Residence?
    /// Slots not free: every message `messages` lists.
    private var heldSlots = 0
    /// The rate of the latest redrive, to resume it when a source refused its messages.
    private var lastRedriveRate: Double?
    private var outbox: [Transfer] = []
    /// The due time the broker's schedule holds an entry for.
    private var reportedDue = ReportedDue()

    init(name: String, config: QueueConfig, randomSeed: UInt64, events: EventLog, now: Nanos) {
        self.name = name
        self.config = config
        self.events = events
        dedupe = DedupeWindow(window: config.dedupeWindow)
        random = SeededGenerator(seed: SeededGenerator.seed(randomSeed, mixedWith: name))
        enqueueRate = RateMeter(now: now)
        ackRate = RateMeter(now: now)
        redeliverRate = RateMeter(now: now)
    }

    deinit {
        // The slot table drops its elements, but a value's bytes are freed by hand.
        for index in slots.indices { slots[index].value.release() }
    }

    /// Waiting, delayed and in flight.
    var depth: Int { ready.count + delayedCount + inFlightCount }
    var waitingCount: Int { ready.count }

    // MARK: Time

    /// Applies everything due by `now`: delays ending, ack deadlines expiring, redrive tokens.
    mutating func advance(to now: Nanos) {
        while let timer = timers.first, timer.due <= now {
            _ = timers.popFirst()
            let slot = timer.slot
            switch slots[Int(slot)].state {
            case .delayed:
                delayedCount -= 1
                makeWaiting(slot)
            case .inFlight:
                endDelivery(slot)
                retryOrDeadLetter(slot, at: timer.due, failure: "ack deadline expired", delay: nil)
            case .waiting, .free:
                break
            }
        }
        if redrive != nil { runRedrive(now: now) }
    }

    /// When the next timer fires or the next redrive token accrues.
    var nextDueTime: Nanos? {
        [timers.first?.due, nextRedriveTime].compactMap { $0 }.min()
    }

    /// The due time to report to the broker's schedule: only when it is earlier than the one it holds.
    mutating func dueToReport() -> Nanos? { reportedDue.earlier(nextDueTime) }

    /// The due time the schedule now holds an entry for.
    mutating func confirmNextDue() -> Nanos? { reportedDue.confirm(nextDueTime) }

    // MARK: Enqueue

    /// Counts an enqueue call's work once per call (not per message): depth sample and rate.
    mutating func beginEnqueue(now: Nanos) { observeDepth(now: now) }

    mutating func finishEnqueue(accepted: Int, now: Nanos) {
        counters.produced += Int64(accepted)
        if accepted > 0 { enqueueRate.record(accepted, at: now) }
    }

    /// Admits one message, read in place, or says why not. Pair with `beginEnqueue`/`finishEnqueue`.
    mutating func admit(_ message: UnsafePointer<QueueMessage>, now: Nanos) throws(BrokerError) -> EnqueueOutcome {
        let messageId = message.pointee.messageId
        if let id = messageId, !id.isEmpty, let original = dedupe.original(of: id, now: now) {
            counters.duplicates += 1
            return .duplicate(ofSequence: original)
        }
        var dropped: Int64?
        if let capacity = config.capacity, depth >= capacity {
            switch config.overflow {
            case .rejectNew:
                counters.rejected += 1
                throw .queueFull(queue: name, capacity: capacity)
            case .block:
                counters.blocked += 1
                return .blocked
            case .dropOldest:
                guard let oldest = ready.popFirst() else {
                    // Everything held is in flight or delayed: nothing may be dropped.
                    counters.rejected += 1
                    throw .queueFullNothingToDrop(queue: name, capacity: capacity)
                }
                dropped = slots[Int(oldest)].sequence
                counters.dropped += 1
                if deadLetter(oldest, reason: "dropped by overflow (capacity \(capacity))", at: now) {
                    counters.droppedToDeadLetter += 1
                }
            }
        }
        let sequence = store(message, origin: nil, now: now)
        if let id = messageId, !id.isEmpty { dedupe.remember(id, origin: sequence, now: now) }
        return dropped.map { .enqueuedDroppingOldest(sequence: sequence, dropped: $0) } ?? .enqueued(sequence: sequence)
    }

    /// Takes in dead letters from the queues this one serves; a dead-letter queue never refuses one.
    mutating func acceptDeadLetters(_ transfers: [Transfer], now: Nanos) {
        observeDepth(now: now)
        for transfer in transfers {
            withUnsafePointer(to: transfer.message) { _ = store($0, origin: transfer.origin, now: now) }
            if let origin = transfer.origin { remember(origin, messageId: transfer.message.messageId, key: transfer.message.key) }
        }
        finishEnqueue(accepted: transfers.count, now: now)
    }

    /// Room a bounded queue keeps for its own producers while it takes back redriven messages, so
    /// a redrive slows down instead of crowding out live traffic.
    var redriveHeadroom: Int { config.capacity.map { Swift.max(1, $0 / 10) } ?? 0 }

    /// Takes back redriven messages while there is room (less the headroom); returns those refused.
    mutating func acceptRedriven(_ transfers: [Transfer], now: Nanos) -> [Transfer] {
        observeDepth(now: now)
        var refused: [Transfer] = []
        for transfer in transfers {
            if let capacity = config.capacity, depth >= capacity - redriveHeadroom {
                refused.append(transfer)
            } else {
                withUnsafePointer(to: transfer.message) { _ = store($0, origin: nil, now: now) }
            }
        }
        finishEnqueue(accepted: transfers.count - refused.count, now: now)
        return refused
    }

    // MARK: Delivery

    mutating func setMaxInFlight(_ limit: Int?, consumer: String) {
        consumers[consumerSlot(consumer)].maxInFlight = limit
    }

    mutating func setPaused(_ paused: Bool, consumer: String) {
        consumers[consumerSlot(consumer)].paused = paused
    }

    /// Hands up to `max` waiting messages to `consumer`, within its max in-flight.
    mutating func receive(consumer id: String, max: Int, ackDeadline: Nanos?, now: Nanos, into deliveries: inout [Delivery]) {
        observeDepth(now: now)
        deliveries.removeAll(keepingCapacity: true)
        let consumer = consumerSlot(id)
        guard !consumers[consumer].paused else { return }
        var limit = max
        if let prefetch = consumers[consumer].maxInFlight ?? config.maxInFlightPerConsumer {
            limit = min(limit, prefetch - consumers[consumer].inFlight)
        }
        let deadline = now + (ackDeadline ?? config.ackDeadline)
        var redelivered = 0
        while deliveries.count < limit, let slot = ready.popFirst() {
            let index = Int(slot)
            slots[index].state = .inFlight
            slots[index].deliveryCount += 1
            if slots[index].firstDelivery == Slot.never { slots[index].firstDelivery = now }
            slots[index].lastDelivery = now
            slots[index].consumer = Int32(consumer)
            slots[index].due = deadline
            timers.insert(slot: slot, due: deadline, sequence: slots[index].sequence)
            if slots[index].deliveryCount > 1 { redelivered += 1 }
            deliveries.append(delivery(slot))
        }
        let count = deliveries.count
        inFlightCount += count
        consumers[consumer].inFlight += count
        counters.delivered += Int64(count)
        consumers[consumer].counters.delivered += Int64(count)
        if redelivered > 0 {
            counters.redelivered += Int64(redelivered)
            consumers[consumer].counters.redelivered += Int64(redelivered)
            redeliverRate.record(redelivered, at: now)
        }
    }

    // MARK: Settling

    mutating func ack(_ receipt: DeliveryReceipt, now: Nanos) throws(BrokerError) {
        observeDepth(now: now)
        try settleAck(receipt, now: now)
        ackRate.record(1, at: now)
    }

    /// Acks every delivery it can; returns how many it acked and the first failure.
    mutating func ack(_ deliveries: [Delivery], now: Nanos) -> (acked: Int, firstFailure: BrokerError?) {
        observeDepth(now: now)
        var acked = 0
        var firstFailure: BrokerError?
        for delivery in deliveries {
            do throws(BrokerError) {
                try settleAck(delivery.receipt, now: now)
                acked += 1
            } catch {
                if firstFailure == nil { firstFailure = error }
            }
        }
        if acked > 0 { ackRate.record(acked, at: now) }
        return (acked, firstFailure)
    }

    /// Ends a delivery unsuccessfully: retry (after `delay`, else the retry policy) or dead-letter.
    mutating func nack(_ receipt: DeliveryReceipt, delay: Nanos?, now: Nanos) throws(BrokerError) {
        observeDepth(now: now)
        let slot = try inFlightSlot(receipt)
        timers.remove(slot: slot)
        counters.nacked += 1
        consumers[Int(slots[Int(slot)].consumer)].counters.nacked += 1
        endDelivery(slot)
        retryOrDeadLetter(slot, at: now, failure: "nacked", delay: delay.map { Swift.max(0, $0) })
    }

    /// Work in progress: pushes the ack deadline to `now + extra` (the queue's ack deadline by default).
    mutating func extend(_ receipt: DeliveryReceipt, by extra: Nanos?, now: Nanos) throws(BrokerError) -> Nanos {
        let slot = try inFlightSlot(receipt)
        let deadline = now + (extra ?? config.ackDeadline)
        slots[Int(slot)].due = deadline
        timers.insert(slot: slot, due: deadline, sequence: slots[Int(slot)].sequence)
        return deadline
    }

    /// Stops redelivery for good: to the dead-letter queue if there is one, else dropped.
    mutating func terminate(_ receipt: DeliveryReceipt, reason: String, now: Nanos) throws(BrokerError) {
        observeDepth(now: now)
        let slot = try inFlightSlot(receipt)
        timers.remove(slot: slot)
        endDelivery(slot)
        recordAttempts(slots[Int(slot)].deliveryCount)
        if !deadLetter(slot, reason: "terminated: \(reason)", at: now) { counters.dropped += 1 }
    }

    // MARK: Redrive

    var holdsDeadLetters: Bool { !deadLetterOrigins.isEmpty }

    /// Starts moving dead letters back to their sources, `perSecond` at most (all at once when nil).
    mutating func startRedrive(perSecond: Double?, now: Nanos) throws(BrokerError) {
        // At least one a day: slower rates would schedule beyond what Nanos holds after a few messages.
        if let perSecond, !(perSecond >= 1.0 / 86_400 && perSecond.isFinite) {
            throw .invalidArgument("redrive rate must be at least one message a day (1/86400 per second), got \(perSecond)")
        }
        var present: Int64 = 0
        for index in 0..<ready.count where deadLetterOrigins[ready[index]] != nil { present += 1 }
        redrive = Redrive(perSecond: perSecond, startedAt: now, remaining: present, notBefore: now)
        lastRedriveRate = perSecond
        events.append(EventLogEntry(at: now, kind: .redrive, text: "\(name): redrive started (\(perSecond.map { "\($0)/s" } ?? "all at once"))"))
        runRedrive(now: now)
    }

    /// Puts back redriven messages their source refused, at the head of the line, and pauses the redrive.
    /// They keep the time they were dead-lettered: the queue's "oldest" stays true.
    mutating func returnRefused(_ transfers: [Transfer], now: Nanos) {
        for transfer in transfers.reversed() {
            withUnsafePointer(to: transfer.message) {
                _ = store($0, origin: transfer.origin, now: now, enqueuedAt: transfer.origin?.at ?? now)
            }
            if let slot = ready.popLast() { ready.prepend(slot) }
        }
        let resumeAt = now + Self.redriveRetryPause
        if var current = redrive {
            current.moved -= Int64(transfers.count)
            current.remaining += Int64(transfers.count)
            current.notBefore = resumeAt
            redrive = current
        } else {
            redrive = Redrive(perSecond: lastRedriveRate, startedAt: resumeAt, remaining: Int64(transfers.count),
                              notBefore: resumeAt)
        }
        events.append(EventLogEntry(at: now, kind: .redrive,
                                    text: "\(name): redrive paused for a second: its source keeps room for its own producers; "
                                        + "\(transfers.count) messages wait"))
    }

    private var nextRedriveTime: Nanos? {
        guard let redrive, redrive.remaining > 0, !ready.isEmpty else { return nil }
        guard let perSecond = redrive.perSecond else { return redrive.notBefore }
        // The first time the token count passes what was moved, computed with the same formula the
        // redrive uses, so a wake-up at this time always moves a message (no rounding near-miss).
        var time = redrive.startedAt + Nanos((Double(redrive.moved) * Double(NanosPerUnit.second) / perSecond).rounded(.down))
        while redrive.tokens(at: time) <= redrive.moved { time += 1 }
        return Swift.max(time, redrive.notBefore)
    }

    private mutating func runRedrive(now: Nanos) {
        guard var current = redrive, now >= current.notBefore else { return }
        let allowance = min(current.remaining, current.perSecond == nil ? Int64.max : current.tokens(at: now) - current.moved)
        var moved: Int64 = 0
        var notRedrivable: [UInt32] = []
        while moved < allowance, let slot = ready.popFirst() {
            guard let origin = deadLetterOrigins[slot]?.origin else {
                notRedrivable.append(slot)
                continue
            }
            outbox.append(Transfer(destination: .source(origin.source), message: message(in: slot), origin: origin))
            free(slot)
            moved += 1
        }
        for slot in notRedrivable.reversed() { ready.prepend(slot) }
        current.moved += moved
        current.remaining -= moved
        if current.remaining == 0 || moved < allowance || ready.isEmpty {
            redrive = nil
            events.append(EventLogEntry(at: now, kind: .redrive, text: "\(name): redrive finished after \(current.moved) messages"))
        } else {
            redrive = current
        }
    }

    /// Drops every waiting message; what is delayed or in flight stays. Answers how many went.
    mutating func purgeWaiting(now: Nanos) -> Int {
        observeDepth(now: now)
        var dropped = 0
        while let slot = ready.popFirst() {
            free(slot)
            dropped += 1
        }
        events.append(EventLogEntry(at: now, kind: .info, text: "\(name): purged \(dropped) waiting messages"))
        return dropped
    }

    /// Transfers to hand over once the lock is released.
    mutating func takeOutbox() -> [Transfer] {
        guard !outbox.isEmpty else { return [] }
        defer { outbox = [] }
        return outbox
    }

    // MARK: Inspection

    /// Messages held, oldest sequence first, after skipping the first `skip`.
    func messages(skip: Int = 0, limit: Int) -> [QueueMessageInfo] {
        let held = slots.indices.filter { slots[$0].state != .free }.sorted { slots[$0].sequence < slots[$1].sequence }
        return held.dropFirst(Swift.max(0, skip)).prefix(Swift.max(0, limit)).map { index in
            let state: QueueMessageState = switch slots[index].state {
            case .delayed: .delayed
            case .inFlight: .inFlight
            case .waiting, .free: .waiting
            }
            return QueueMessageInfo(
                sequence: slots[index].sequence, messageId: slots[index].messageId, key: slots[index].key,
                headers: slots[index].headers, value: slots[index].value.array, enqueuedAt: slots[index].enqueuedAt,
                state: state, deliveryCount: Int(slots[index].deliveryCount),
                firstDelivery: Self.time(slots[index].firstDelivery), lastDelivery: Self.time(slots[index].lastDelivery),
                dueAt: state == .waiting ? nil : slots[index].due,
                consumer: state == .inFlight ? consumers[Int(slots[index].consumer)].id : nil,
                deadLetter: deadLetterOrigins[UInt32(index)]?.origin)
        }
    }

    /// The time every message held now has spent in the queue since `start` (from its enqueue, if later)
    /// until `now`. The first question from a `start` reads every held message once; later ones are O(1).
    mutating func heldResidence(since start: Nanos, until now: Nanos) -> Int64 {
        if residence?.start != start {
            var fresh = Residence(start: start)
            for index in slots.indices where slots[index].state != .free { fresh.add(enqueuedAt: slots[index].enqueuedAt) }
            residence = fresh
        }
        return Int64(heldSlots) * (now - start) - (residence?.lateness ?? 0)
    }

    mutating func snapshot(now: Nanos, deadLetterOf: [String]) -> QueueSnapshot {
        observeDepth(now: now)
        let oldestHeld = (timers.slots + (ready.first.map { [$0] } ?? [])).map { slots[Int($0)].enqueuedAt }.min()
        return QueueSnapshot(
            name: name, waiting: ready.count, delayed: delayedCount, inFlight: inFlightCount,
            capacity: config.capacity, overflow: config.overflow, ackDeadline: config.ackDeadline,
            maxDeliveries: config.maxDeliveries, deadLetterQueue: config.deadLetterQueue, deadLetterOf: deadLetterOf,
            counters: counters, oldestWaitingAge: ready.first.map { now - slots[Int($0)].enqueuedAt },
            oldestUnackedAge: oldestHeld.map { now - $0 }, latency: latency.percentiles(), attemptsHistogram: attempts,
            consumers: consumers.map {
                QueueConsumerSnapshot(id: $0.id, inFlight: $0.inFlight, maxInFlight: $0.maxInFlight ?? config.maxInFlightPerConsumer,
                                      counters: $0.counters)
            },
            depthHistory: depthHistory.series, recentDeadLetters: Array(recentDeadLetters),
            enqueuedPerSecond: enqueueRate.perSecond(at: now), ackedPerSecond: ackRate.perSecond(at: now),
            redeliveredPerSecond: redeliverRate.perSecond(at: now))
    }

    // MARK: Slots

    private mutating func store(_ message: UnsafePointer<QueueMessage>, origin: DeadLetterOrigin?, now: Nanos,
                                enqueuedAt: Nanos? = nil) -> Int64 {
        let slot = freeSlots.popLast() ?? UInt32(slots.append(Slot()))
        let sequence = nextSequence
        nextSequence += 1
        let index = Int(slot)
        slots[index].value = StoredBytes(copying: message.pointee.value)
        // Assigned only when present: a free slot already holds none, and each assignment costs
        // reference counting on the hot path.
        if let extras = MessageExtras.of(message.pointee) { slots[index].extras = extras }
        slots[index].sequence = sequence
        slots[index].enqueuedAt = enqueuedAt ?? now
        heldSlots += 1
        let enqueued = slots[index].enqueuedAt
        residence?.add(enqueuedAt: enqueued)
        if let origin { deadLetterOrigins[slot] = DeadLetterBox(origin) }
        if let delay = message.pointee.delay, delay > 0 {
            slots[index].state = .delayed
            slots[index].due = now + delay
            delayedCount += 1
            timers.insert(slot: slot, due: now + delay, sequence: sequence)
        } else {
            makeWaiting(slot)
        }
        return sequence
    }

    /// Empties a slot for reuse; its next message has another sequence, so receipts for this one stop matching.
    private mutating func free(_ slot: UInt32) {
        let index = Int(slot)
        heldSlots -= 1
        let enqueued = slots[index].enqueuedAt
        residence?.remove(enqueuedAt: enqueued)
        slots[index].value.release()
        if slots[index].extras != nil { slots[index].extras = nil }
        slots[index].firstDelivery = Slot.never
        slots[index].lastDelivery = Slot.never
        slots[index].deliveryCount = 0
        slots[index].consumer = -1
        slots[index].state = .free
        if !deadLetterOrigins.isEmpty { deadLetterOrigins[slot] = nil }
        freeSlots.append(slot)
    }

    private mutating func makeWaiting(_ slot: UInt32) {
        slots[Int(slot)].state = .waiting
        ready.append(slot)
    }

    private func message(in slot: UInt32) -> QueueMessage {
        let index = Int(slot)
        return QueueMessage(value: slots[index].value.array, key: slots[index].key, headers: slots[index].headers,
                            messageId: slots[index].messageId)
    }

    private func delivery(_ slot: UInt32) -> Delivery {
        let index = Int(slot)
        return Delivery(
            receipt: DeliveryReceipt(slot: slot, delivery: slots[index].deliveryCount, sequence: slots[index].sequence),
            value: slots[index].value.array, key: slots[index].key, headers: slots[index].headers,
            messageId: slots[index].messageId, deliveryCount: Int(slots[index].deliveryCount),
            enqueuedAt: slots[index].enqueuedAt, deadline: slots[index].due,
            deadLetterBox: deadLetterOrigins.isEmpty ? nil : deadLetterOrigins[slot])
    }

    private func inFlightSlot(_ receipt: DeliveryReceipt) throws(BrokerError) -> UInt32 {
        let index = Int(receipt.slot)
        guard index < slots.count, slots[index].state == .inFlight, slots[index].deliveryCount == receipt.delivery,
              slots[index].sequence == receipt.sequence else {
            throw .deliveryNotInFlight(queue: name, sequence: receipt.sequence)
        }
        return receipt.slot
    }

    private mutating func settleAck(_ receipt: DeliveryReceipt, now: Nanos) throws(BrokerError) {
        let slot = try inFlightSlot(receipt)
        timers.remove(slot: slot)
        endDelivery(slot)
        let index = Int(slot)
        counters.acked += 1
        consumers[Int(slots[index].consumer)].counters.acked += 1
        latency.record(now - slots[index].enqueuedAt)
        recordAttempts(slots[index].deliveryCount)
        free(slot)
    }

    /// Takes an in-flight slot off its consumer's books (its timer is already gone).
    private mutating func endDelivery(_ slot: UInt32) {
        inFlightCount -= 1
        consumers[Int(slots[Int(slot)].consumer)].inFlight -= 1
    }

    private mutating func retryOrDeadLetter(_ slot: UInt32, at time: Nanos, failure: String, delay: Nanos?) {
        let deliveries = slots[Int(slot)].deliveryCount
        if let maxDeliveries = config.maxDeliveries, deliveries >= maxDeliveries {
            recordAttempts(deliveries)
            if !deadLetter(slot, reason: "\(failure) on delivery \(deliveries) of \(maxDeliveries)", at: time) {
                counters.dropped += 1
            }
            return
        }
        let wait = delay ?? config.retry.delay(afterFailedDelivery: Int(deliveries), random: &random)
        if wait > 0 {
            slots[Int(slot)].state = .delayed
            slots[Int(slot)].due = time + wait
            delayedCount += 1
            timers.insert(slot: slot, due: time + wait, sequence: slots[Int(slot)].sequence)
        } else {
            makeWaiting(slot)
        }
    }

    /// Frees the slot, sending the message to the dead-letter queue if there is one. Returns whether it went.
    @discardableResult
    private mutating func deadLetter(_ slot: UInt32, reason: String, at time: Nanos) -> Bool {
        let index = Int(slot)
        let origin = DeadLetterOrigin(
            reason: reason, deliveryCount: Int(slots[index].deliveryCount),
            firstDelivery: Self.time(slots[index].firstDelivery), lastDelivery: Self.time(slots[index].lastDelivery),
            source: name, sourceSequence: slots[index].sequence, at: time)
        let moved = config.deadLetterQueue != nil
        if moved {
            counters.deadLettered += 1
            outbox.append(Transfer(destination: .deadLetterQueue, message: message(in: slot), origin: origin))
        }
        let messageId = slots[index].messageId
        remember(origin, messageId: messageId, key: slots[index].key)
        let label = messageId ?? "#\(origin.sourceSequence)"
        let fate = config.deadLetterQueue.map { "dead-lettered to \($0)" } ?? "dropped (no dead-letter queue)"
        events.append(EventLogEntry(at: time, kind: .deadLetter, text: "\(name): message \(label) \(fate): \(reason)",
                                    correlationId: messageId, location: config.deadLetterQueue.map { .queue(name: $0) }))
        free(slot)
        return moved
    }

    private mutating func remember(_ origin: DeadLetterOrigin, messageId: String?, key: [UInt8]?) {
        if recentDeadLetters.count == Self.recentDeadLetterCount { recentDeadLetters.removeFirst() }
        recentDeadLetters.append(DeadLetterInfo(
            messageId: messageId ?? "#\(origin.sourceSequence)", key: key.map { String(decoding: $0, as: UTF8.self) },
            reason: origin.reason, deliveryCount: origin.deliveryCount, firstDelivery: origin.firstDelivery,
            lastDelivery: origin.lastDelivery, source: origin.source, at: origin.at))
    }

    /// Index i counts messages settled (acked or dead-lettered) after i+1 deliveries.
    private mutating func recordAttempts(_ deliveries: Int32) {
        let index = Int(deliveries) - 1
        guard index >= 0 else { return }
        while attempts.count <= index { attempts.append(0) }
        attempts[index] += 1
    }

    private mutating func consumerSlot(_ id: String) -> Int {
        if let index = consumerIndex[id] { return index }
        consumers.append(Consumer(id: id))
        consumerIndex[id] = consumers.count - 1
        return consumers.count - 1
    }

    private mutating func observeDepth(now: Nanos) {
        let depth = depth
        depthHistory.observe(at: now) { Double(depth) }
    }

    private static func time(_ value: Nanos) -> Nanos? { value == Slot.never ? nil : value }
}
