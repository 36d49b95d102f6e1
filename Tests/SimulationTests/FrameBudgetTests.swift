import SluiceModel
import Testing
@testable import Simulation

/// The dashboard bounds each frame's simulated work in wall time: the simulation stops when asked to,
/// and the backend says how far behind the asked speed it fell.
@Suite struct FrameBudgetTests {
    private static let busy = """
    [scenario]
    name = "busy"
    duration = "1m"
    [[queue]]
    name = "q"
    [[producer]]
    name = "p"
    target = "q"
    rate = 2000.0
    [[consumer]]
    name = "c"
    source = "q"
    instances = 10
    concurrency = 10
    service = { distribution = "exponential", mean = "50ms" }
    """

    @Test func aRunStopsWhenItsBudgetIsSpentAndGoesOnFromThereNextTime() throws {
        let simulation = try Simulation(scenario: try ScenarioLoader.parse(Self.busy, file: "b.toml"))
        var checks = 0
        simulation.run(until: 10 * NanosPerUnit.second) { checks += 1; return checks == 3 }
        #expect(checks == 3)
        #expect(simulation.eventCount <= 3 * Int64(Simulation.eventsBetweenBudgetChecks) + 1)
        #expect(simulation.now < NanosPerUnit.second, "the clock stays at the last event run")
        let reached = simulation.now
        simulation.run(until: 10 * NanosPerUnit.second) { false }
        #expect(simulation.now == 10 * NanosPerUnit.second && reached < simulation.now)
    }

    @Test func theBackendSaysHowMuchOfTheAskedSpeedItReached() throws {
        let backend = try SimulationBackend(scenario: try ScenarioLoader.parse(Self.busy, file: "b.toml"))
        // Ten frames of 100 ms, each allowed one budget check's worth of events (about 4,000 a simulated second).
        for _ in 0..<10 { backend.advance(wallNanos: 100 * NanosPerUnit.millisecond) { true } }
        let reached = try #require(backend.snapshot().clock.reachedSpeed)
        #expect(reached > 0 && reached < 0.95)
        #expect(backend.simulation.now < NanosPerUnit.second)
        // Unbounded frames keep up, and the warning goes after the next whole second.
        for _ in 0..<10 { backend.advance(wallNanos: 100 * NanosPerUnit.millisecond) { false } }
        #expect(backend.snapshot().clock.reachedSpeed == nil)
    }
}
