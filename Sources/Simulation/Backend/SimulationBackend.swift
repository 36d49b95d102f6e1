import Broker
public import SluiceModel

/// The embedded simulation behind the dashboard: advances simulated time by wall time times the speed,
/// takes commands between slices, and copies a `SystemSnapshot` on demand.
public final class SimulationBackend: SystemBackend {
    public static let speeds: ClosedRange<Double> = 0.1...100
    /// The most simulated time one `advance` covers, so a long frame does not stall the screen.
    public static let maxSlice: Nanos = 10 * NanosPerUnit.second
    /// How much simulated time one step (`.`) covers.
    public static let stepLength: Nanos = NanosPerUnit.second

    public internal(set) var scenario: Scenario
    public internal(set) var simulation: Simulation
    public private(set) var speed: Double = 1
    public private(set) var paused = false
    var options: SimulationOptions
    var inspectTarget: InspectTarget?
    /// How much of the asked simulated time the last second's frames covered.
    var pace = Pace()
    var lastOutcome: Inspection?
    /// Why time runs at 1x, when real clients are served beside the simulated actors (`serveRealClients`).
    public internal(set) var wallClockReason: String?
    /// The expectations as of the simulated second they were last checked: the summary they read is
    /// too costly to build every frame.
    private var checks: (second: Int64, finished: Bool, results: [CheckSnapshot])?

    /// Builds the scenario's system, ready at time zero (running at 1x).
    public init(scenario: Scenario, options: SimulationOptions = .init()) throws(ScenarioError) {
        self.scenario = scenario
        self.options = options
        simulation = try Simulation(scenario: scenario, options: options)
    }

    /// A built-in scenario by name (`demo`) or a scenario file by path.
    public convenience init(scenarioNamed nameOrPath: String, seed: UInt64? = nil) throws(ScenarioError) {
        try self.init(scenario: ScenarioLoader.resolve(nameOrPath), options: SimulationOptions(seed: seed))
    }

    public func advance(wallNanos: Nanos) { advance(wallNanos: wallNanos, outOfTime: { false }) }

    public func advance(wallNanos: Nanos, outOfTime: () -> Bool) {
        guard !paused, wallNanos > 0, !simulation.isFinished else { return pace.reset() }
        let span = min(Nanos((Double(wallNanos) * speed).rounded()), Self.maxSlice)
        let before = simulation.now
        simulation.run(until: simulation.now + max(1, span), outOfTime: outOfTime)
        pace.note(wall: wallNanos, asked: span, reached: simulation.now - before)
    }

    func forgetChecks() { checks = nil }

    /// The expectations, checked again once a simulated second and when the run ends.
    private func currentChecks() -> [CheckSnapshot] {
        guard !scenario.expectations.isEmpty else { return [] }
        let second = simulation.now / NanosPerUnit.second
        if let checks, checks.second == second, checks.finished == simulation.isFinished { return checks.results }
        let results = ExpectationCheck.results(of: scenario.expectations, in: simulation.summary())
        checks = (second, simulation.isFinished, results)
        return results
    }

    /// Why there is nothing to claim here.
    static let claimUnavailable = "a simulated queue hands an unacknowledged message on again once its ack deadline "
        + "passes: nothing stays pending on a consumer to claim"

    public func snapshot() -> SystemSnapshot {
        let broker = simulation.broker.snapshot()
        // What the user inspects may have gone (a removed queue, a partition since trimmed): it then shows nothing.
        if let inspectTarget { lastOutcome = try? simulation.inspect(inspectTarget) }
        var capabilities = Capabilities(unavailable: [.claim: Self.claimUnavailable])
        if scenario.lesson == nil && Self.lessonCatalog.isEmpty {
            capabilities.unavailable.refuseAll(CommandKind.lessons, "no lessons are built in")
        }
        if let wallClockReason { Self.holdToWallClock(&capabilities, because: wallClockReason) }
        return SystemSnapshot(
            source: SourceInfo(engine: "simulation", name: scenario.name, description: scenario.description,
                               seed: simulation.seed),
            clock: ClockInfo(now: simulation.now, speed: speed, paused: wallClockReason == nil ? paused : simulation.actorsFrozen,
                             finished: simulation.isFinished,
                             reachedSpeed: pace.shortfall.map { $0 * speed }),
            topics: broker.topics, groups: simulation.enrich(broker.groups), queues: broker.queues,
            instances: simulation.instanceSnapshots(), breakers: simulation.breakerSnapshots(),
            throughput: simulation.throughputSnapshot(), events: simulation.eventLog,
            inspection: inspectTarget == nil ? nil : lastOutcome, lesson: simulation.lessonSnapshot(), capabilities: capabilities,
            connectionProblem: simulation.violation.map(\.description) ?? simulation.limitReached?.message,
            producers: simulation.producerSnapshots(), downstreams: simulation.downstreamSnapshots(),
            lessonCatalog: Self.lessonCatalog, checks: currentChecks())
    }

    public func send(_ command: Command) -> CommandOutcome {
        if let refused = refusedAtWallClock(command) { return refused }
        switch command {
        case .setSpeed(let requested):
            guard requested.isFinite, requested > 0 else { return .failed("speed must be a positive number") }
            speed = min(max(requested, Self.speeds.lowerBound), Self.speeds.upperBound)
            return .done("speed " + SpeedText.format(speed))
        case .setPaused(let pause):
            paused = pause
            return .done(pause ? "paused" : "running")
        case .step:
            // One simulated second: a person can see what a second does; one internal event is invisible.
            guard paused else { return .failed("pause first to step") }
            guard !simulation.isFinished else { return .failed("the run is over: nothing left to step") }
            let before = StepReport(simulation)
            simulation.run(until: simulation.now + Self.stepLength)
            return .done("stepped to \(ClockText.format(simulation.now)): " + StepReport(simulation).since(before))
        case .restartRun(let seed):
            var restarted = options
            restarted.seed = seed
            do throws(ScenarioError) {
                simulation = try Simulation(scenario: scenario, options: restarted)
            } catch {
                return .failed(error.description)
            }
            options = restarted
            checks = nil
            return .done("restarted with seed \(seed)")
        case .inspect(let target):
            inspectTarget = target
            guard let target else { return .done("inspector closed") }
            do {
                lastOutcome = try simulation.inspect(target)
                return .done("inspecting \(lastOutcome?.messages.count ?? 0) messages")
            } catch {
                return .failed("\(error)")
            }
        case .openLesson(let name):
            return openLesson(named: name)
        default:
            return simulation.perform(command)
        }
    }

    public func seekCount(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> SeekCount? {
        simulation.seekCount(group: group, partition: partition, to: position)
    }
}
