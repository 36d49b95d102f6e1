import Broker
import SluiceModel
import Testing
@testable import Simulation

/// A queue the simulation has no statistics for is an invariant failure, not queue 0's numbers.
@Suite struct QueueStatisticsIndexTests {
    @Test func aQueueWithoutStatisticsStopsTheRunInsteadOfCountingIntoAnother() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("retries"))
        let first = try #require(simulation.queueStats.first)
        let stranger = try simulation.broker.createQueue("made-behind-its-back")
        let index = simulation.statsIndex(of: stranger)
        #expect(simulation.violation?.invariant == "every queue has statistics")
        #expect(simulation.queueStats[index].queue === stranger)
        #expect(simulation.queueStats[0].queue === first.queue, "queue 0 keeps its own numbers")
        #expect(simulation.isFinished, "the run stops and says why")
    }
}
