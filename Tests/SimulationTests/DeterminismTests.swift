import Testing
import SluiceModel
@testable import Simulation

@Suite struct DeterminismTests {
    private func run(_ name: String, seed: UInt64? = nil) throws -> (summary: String, log: [EventLogEntry], digest: UInt64) {
        let options = SimulationOptions(seed: seed, duration: 60 * NanosPerUnit.second, keepFullEventLog: true)
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve(name), options: options)
        simulation.runToEnd()
        return (simulation.summary().text(), simulation.eventLog, simulation.traceDigest)
    }

    @Test(arguments: ["demo", "at-least-once", "hot-partition"])
    func sameScenarioAndSeedGiveTheSameRun(name: String) throws {
        let first = try run(name)
        let second = try run(name)
        #expect(first.summary == second.summary)
        #expect(first.log == second.log)
        #expect(first.digest == second.digest)
        #expect(!first.log.isEmpty)
        let other = try run(name, seed: 999)
        #expect(other.digest != first.digest)
        #expect(other.summary != first.summary)
    }
}
