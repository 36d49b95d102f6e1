import Broker
public import SluiceModel

/// The embedded simulation behind the dashboard: advances simulated time by wall time times the speed,
/// takes commands between slices, and copies a `SystemSnapshot` on demand.
public final class SimulationBackend: SystemBackend {
    public static let speeds: ClosedRange<Double> = 0.1...100
    /// The most simulated time one `advance` covers, so a long frame does not stall the screen.
    public static let maxSlice: Nanos = 10 * NanosPerUnit.second

    public internal(set) var scenario: Scenario
    public internal(set) var simulation: Simulation
    public private(set) var speed: Double = 1
    public private(set) var paused = false
    var options: SimulationOptions
    var inspectTarget: InspectTarget?
    /// How much of the asked simulated time the last second's frames covered.
    var pace = Pace()
    var lastOutcome: Inspection?

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

    public func snapshot() -> SystemSnapshot {
        let broker = simulation.broker.snapshot()
        if let inspectTarget { lastOutcome = try? simulation.broker.inspect(inspectTarget) }
        var capabilities = Capabilities.all
        if scenario.lesson == nil && Self.lessonCatalog.isEmpty { capabilities.unavailable[.lesson] = "no lessons are built in" }
        return SystemSnapshot(
            source: SourceInfo(kind: .simulation, name: scenario.name, description: scenario.description,
                               seed: simulation.seed),
            clock: ClockInfo(now: simulation.now, speed: speed, paused: paused, finished: simulation.isFinished,
                             reachedSpeed: pace.shortfall.map { $0 * speed }),
            topics: broker.topics, groups: simulation.enrich(broker.groups), queues: broker.queues,
            instances: simulation.instanceSnapshots(), breakers: simulation.breakerSnapshots(),
            throughput: simulation.throughputSnapshot(), events: simulation.eventLog,
            inspection: inspectTarget == nil ? nil : lastOutcome, lesson: simulation.lessonSnapshot(), capabilities: capabilities,
            connectionProblem: simulation.violation.map(\.description) ?? simulation.limitReached?.message,
            lessonCatalog: Self.lessonCatalog)
    }

    public func send(_ command: Command) -> CommandOutcome {
        switch command {
        case .setSpeed(let requested):
            guard requested.isFinite, requested > 0 else { return .failed("speed must be a positive number") }
            speed = min(max(requested, Self.speeds.lowerBound), Self.speeds.upperBound)
            return .done("speed \(JSONText.rounded(speed, digits: 1))x")
        case .setPaused(let pause):
            paused = pause
            return .done(pause ? "paused" : "running")
        case .step:
            guard paused else { return .failed("pause first to step") }
            return simulation.step() ? .done("stepped to \(DurationText.format(simulation.now))") : .failed("nothing left to do")
        case .restartRun(let seed):
            var restarted = options
            restarted.seed = seed
            do throws(ScenarioError) {
                simulation = try Simulation(scenario: scenario, options: restarted)
            } catch {
                return .failed(error.description)
            }
            options = restarted
            return .done("restarted with seed \(seed)")
        case .inspect(let target):
            inspectTarget = target
            guard let target else { return .done("inspector closed") }
            do {
                lastOutcome = try simulation.broker.inspect(target)
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

    public func replayCount(group: String, partition: Int?, to position: SeekPosition) -> Int64? {
        simulation.replayCount(group: group, partition: partition, to: position)
    }
}
