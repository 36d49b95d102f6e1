public import Broker
public import SluiceModel

/// A scenario running on the embedded broker in simulated time: producers, consumers, downstreams,
/// faults and patterns, driven by one event queue and one seed.
///
/// Drive it as fast as possible (`runToEnd()`), or by slices of simulated time (`run(until:)`),
/// acting on it between slices. The same scenario and seed give the same run, event for event.
public final class Simulation {
    public let scenario: Scenario
    public let seed: UInt64
    public let options: SimulationOptions
    /// The simulated time a run covers.
    public let endTime: Nanos
    public private(set) var now: Nanos = 0
    /// Engine events processed so far.
    public private(set) var eventCount: Int64 = 0
    public internal(set) var violation: InvariantViolation?
    /// Set when the run stopped at one of `ScenarioLimits` (it held too many messages).
    public internal(set) var limitReached: ScenarioError?

    let clock: ManualClock
    public let broker: Broker
    var agenda = EventQueue<SimEvent>()
    var random: SeededGenerator
    // The parts of the system, each owning its state behind typed ids.
    var producers = SimulatedProducers()
    var consumers = SimulatedConsumers()
    var downstreams = Downstreams([])
    var queues = SimulatedQueues()
    var patterns = SimulatedPatterns()
    /// The lesson's narrative and progress, when the scenario is a lesson.
    public internal(set) var lessonRunner: LessonRunner?
    // What the run measures of itself.
    var window: StatisticsWindow
    var streamAppends = StreamAppends()
    var external = ExternalPublishes()
    var recorder: EventRecorder
    var series: SecondSeriesRecorder
    var pendingWakeups: Set<Nanos> = []
    var deliveriesScratch: [Delivery] = []
    var batchScratch = RecordBatch()
    /// Set while the simulated actors are frozen and time runs on (a pause while a Kafka listener is open).
    var frozenActors: FrozenActors?
    /// Called once per simulated second, after the second's events.
    public var onSecond: ((Simulation) -> Void)?

    /// Builds the system a scenario describes, ready to run from time zero.
    public init(scenario: Scenario, options: SimulationOptions = .init()) throws(ScenarioError) {
        self.scenario = scenario
        self.options = options
        seed = options.seed ?? scenario.seed
        endTime = options.duration ?? scenario.duration
        window = StatisticsWindow(warmup: min(scenario.warmup, endTime))
        if let duration = options.duration {
            try scenario.checkOfferedLoad(over: duration) { ScenarioError(file: "--duration", line: nil, key: nil, message: $0) }
        }
        clock = ManualClock(now: 0)
        broker = Broker(clock: clock, randomSeed: seed)
        random = SeededGenerator(seed: seed)
        recorder = EventRecorder(capacity: options.eventLogCapacity, keepAll: options.keepFullEventLog)
        series = SecondSeriesRecorder(capacity: options.historySeconds)
        record(.info, "scenario \(scenario.name) started with seed \(seed)")
        do throws(BrokerError) {
            try build()
        } catch {
            throw ScenarioError(file: scenario.file.isEmpty ? scenario.name : scenario.file, line: nil, key: nil, message: "the broker refused the set-up: \(error)")
        }
        startLesson()
        afterEvent()
    }

    /// True once the run reached its duration or stopped on an invariant violation or a limit.
    public var isFinished: Bool { now >= endTime || violation != nil || limitReached != nil }

    /// Runs every event up to and including `limit` (capped at the end time), then moves the clock there.
    /// `outOfTime`, asked every `eventsBetweenBudgetChecks` events, may stop it sooner (the dashboard's
    /// frame budget); the clock then stays at the last event run. The simulation never reads a clock itself.
    public func run(until limit: Nanos, outOfTime: () -> Bool = { false }) {
        let target = min(limit, endTime)
        var untilCheck = Self.eventsBetweenBudgetChecks
        while violation == nil, limitReached == nil, let next = agenda.nextTime, next <= target {
            processNext()
            untilCheck -= 1
            if untilCheck == 0 {
                if outOfTime() { return }
                untilCheck = Self.eventsBetweenBudgetChecks
            }
        }
        if violation == nil && limitReached == nil && target > now { setNow(target) }
    }

    /// A few hundred microseconds of work in a debug build.
    static let eventsBetweenBudgetChecks = 256

    /// Runs to the end of the scenario as fast as possible.
    public func runToEnd() { run(until: endTime) }

    /// Processes exactly one event (the dashboard's single step); false when nothing is left to do.
    @discardableResult
    public func step() -> Bool {
        guard violation == nil, limitReached == nil, let next = agenda.nextTime, next <= endTime else { return false }
        processNext()
        return true
    }

    /// The full event log, when `keepFullEventLog` was set; else the recent window.
    public var eventLog: [EventLogEntry] { options.keepFullEventLog ? recorder.all : recorder.entries }

    /// A digest of every event processed and logged: two runs with equal digests did the same things.
    public var traceDigest: UInt64 { recorder.digest }

    private func processNext() {
        guard let (time, event) = agenda.popNext() else { return }
        setNow(time)
        if frozenActors != nil, event.isActorEvent {
            frozenActors?.held.append((time, event))
            return
        }
        eventCount += 1
        recorder.note(time: time, code: event.code)
        handle(event)
        afterEvent()
    }

    private func setNow(_ time: Nanos) {
        now = time
        clock.set(to: time)
    }

    func schedule(_ event: SimEvent, at time: Nanos) {
        agenda.schedule(event, at: max(time, now))
    }

    private func handle(_ event: SimEvent) {
        switch event {
        case .arrival(let producer, let generation): arrival(producer: producer, generation: generation)
        case .jobDone(let instance, let slot, let ticket): finishAttempt(instance: instance, slot: slot, ticket: ticket)
        case .jobRetry(let instance, let slot, let ticket): retryAttempt(instance: instance, slot: slot, ticket: ticket)
        case .brokerDue:
            pendingWakeups.remove(now)
            broker.processDue()
            queues.touchAll()
            markAllQueueConsumersDirty()
        case .fault(let index): applyFault(scenario.faults[index], index: index)
        case .faultEnd(let index): undoFault(scenario.faults[index])
        case .outage(let downstream, let down): changeOutage(downstream: downstream, down: down, manual: false)
        case .scheduledRate(let producer, let rate): changeBaseRate(producer: producer, rate: rate)
        case .secondTick: secondTick()
        case .warmupEnd: openWindow()
        case .breakerReopens(let downstream): breakerTick(downstream: downstream)
        case .pattern(let pattern, let operation): patternStep(pattern, operation: operation)
        case .lesson(let event): handleLesson(event)
        case .periodicCommit(let consumer): periodicCommit(consumer: consumer)
        }
    }

    /// After every event: hand work to idle consumers, retry blocked producers, record levels, log
    /// what the broker reported, and wake up when the broker next has something due.
    func afterEvent() {
        if frozenActors == nil {
            dispatchDirtyConsumers()
            if !producers.blocked.isEmpty { retryBlockedProducers() }
        }
        for entry in broker.drainEvents() { recorder.record(entry) }
        queues.observeTouched(at: now)
        if let due = broker.nextDeadline(), due <= endTime, !pendingWakeups.contains(max(due, now)) {
            let time = max(due, now)
            pendingWakeups.insert(time)
            schedule(.brokerDue, at: time)
        }
    }

    func record(_ kind: EventLogEntry.Kind, _ text: String, correlationId: String? = nil, location: InspectTarget? = nil) {
        recorder.record(EventLogEntry(at: now, kind: kind, text: text, correlationId: correlationId, location: location))
    }

    /// Every member of a stream consumer polls at its next dispatch (after a rebalance, seek or resume).
    func markAllMembersToPoll(consumer: ConsumerID) {
        for member in consumers[consumer].instances { requestPoll(instance: member) }
        consumers.markDirty(consumer)
    }

    /// The member polls (a stream member) or asks its queue (a queue member) at its consumer's next dispatch.
    func requestPoll(instance id: InstanceID) {
        let consumer = consumers[id].consumer
        if let stream = consumers[consumer].source.stream { consumers[id, of: stream].needsPoll = true }
        consumers[consumer].membersWithWork.insert(id)
    }

    func touch(queue id: QueueID) { queues.touch(id) }

    func touch(queueNamed name: String) {
        if let id = queueID(named: name) { queues.touch(id) }
    }

    private func markAllQueueConsumersDirty() {
        for id in consumers.queueIDs { consumers.markDirty(consumers[id].consumer) }
    }

    /// Consumers of a stream or queue, by source name.
    func markConsumersDirty(source name: String) {
        for id in consumers.reading(name) { consumers.markDirty(id) }
    }

    private func openWindow() {
        window.open(at: now)
        queues.openWindow(at: now)
        for id in consumers.streamIDs { consumers[id].maxLag = 0 }
        record(.info, "warm-up over: statistics start now")
    }

    /// Stops the run on a broken invariant, naming the event that broke it.
    func fail(_ invariant: String, _ detail: String) {
        guard violation == nil else { return }
        violation = InvariantViolation(at: now, event: eventCount, invariant: invariant, detail: detail)
        record(.warning, "invariant \(invariant) broken: \(detail)")
    }
}
