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
    var producers: [ProducerState] = []
    var consumers: [ConsumerState] = []
    var instances: [InstanceState] = []
    var downstreams = Downstreams([])
    var queues = SimulatedQueues()
    var topicProduced: [String: Int64] = [:]
    var recorder: EventRecorder
    var series: SecondSeriesRecorder
    var patterns: [PatternState] = []
    var external = ExternalPublishes()
    /// A lesson's narrative and the measurements lessons check.
    var lessonState = LessonState()
    /// The largest total lag (all groups) sampled after the warm-up.
    var maxTotalLag: Int64 = 0
    /// When statistics started counting (the end of the warm-up).
    var windowStart: Nanos
    var windowOpen: Bool
    var dirty: [Bool] = []
    var dirtyList: [Int] = []
    var blockedProducers: [Int] = []
    var pendingWakeups: Set<Nanos> = []
    var deliveriesScratch: [Delivery] = []
    var batchScratch = RecordBatch()
    /// Called once per simulated second, after the second's events.
    public var onSecond: ((Simulation) -> Void)?

    /// Builds the system a scenario describes, ready to run from time zero.
    public init(scenario: Scenario, options: SimulationOptions = .init()) throws(ScenarioError) {
        self.scenario = scenario
        self.options = options
        seed = options.seed ?? scenario.seed
        endTime = options.duration ?? scenario.duration
        windowStart = min(scenario.warmup, endTime)
        windowOpen = windowStart == 0
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
        case .pattern(let index, let operation): patternStep(index: index, operation: operation)
        case .lesson(let event): handleLesson(event)
        case .periodicCommit(let consumer): periodicCommit(consumer: consumer)
        }
    }

    /// After every event: hand work to idle consumers, retry blocked producers, record levels, log
    /// what the broker reported, and wake up when the broker next has something due.
    func afterEvent() {
        dispatchDirtyConsumers()
        if !blockedProducers.isEmpty { retryBlockedProducers() }
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
    func markAllMembersToPoll(consumer: Int) {
        for member in consumers[consumer].instances { requestPoll(instance: member) }
        markDirty(consumer: consumer)
    }

    /// The member polls at its consumer's next dispatch.
    func requestPoll(instance index: Int) {
        instances[index].needsPoll = true
        consumers[instances[index].consumer].membersWithWork.insert(index)
    }

    func markDirty(consumer: Int) {
        guard !dirty[consumer] else { return }
        dirty[consumer] = true
        dirtyList.append(consumer)
    }

    func touch(queue id: QueueID) { queues.touch(id) }

    func touch(queueNamed name: String) {
        if let id = queueID(named: name) { queues.touch(id) }
    }

    private func markAllQueueConsumersDirty() {
        for index in consumers.indices where !consumers[index].isStream { markDirty(consumer: index) }
    }

    /// Consumers of a stream or queue, by source name.
    func markConsumersDirty(source name: String) {
        for index in consumers.indices where consumers[index].spec.source == name { markDirty(consumer: index) }
    }

    private func openWindow() {
        windowOpen = true
        windowStart = now
        queues.openWindow(at: now)
        for index in consumers.indices { consumers[index].maxLag = 0 }
        maxTotalLag = 0
        record(.info, "warm-up over: statistics start now")
    }

    /// Stops the run on a broken invariant, naming the event that broke it.
    func fail(_ invariant: String, _ detail: String) {
        guard violation == nil else { return }
        violation = InvariantViolation(at: now, event: eventCount, invariant: invariant, detail: detail)
        record(.warning, "invariant \(invariant) broken: \(detail)")
    }
}
