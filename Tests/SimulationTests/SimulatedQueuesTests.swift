import Broker
import SluiceModel
import Testing
@testable import Simulation

/// Every queue is kept once, with its statistics, lesson measures and touched flag together: a queue a
/// command creates is counted everywhere a scenario's queue is, and an unknown queue stops the run.
@Suite struct SimulatedQueuesTests {
    @Test func aQueueWithoutStatisticsStopsTheRunInsteadOfCountingIntoAnother() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("retries"))
        let first = try #require(simulation.queues.ids.first)
        let firstQueue = simulation.queues[first].queue
        let stranger = try simulation.broker.createQueue("made-behind-its-back")
        let id = simulation.queueID(of: stranger)
        #expect(simulation.violation?.invariant == "every queue the simulation uses is kept with its statistics")
        #expect(simulation.queues[id].queue === stranger)
        #expect(simulation.queues[first].queue === firstQueue, "the first queue keeps its own numbers")
        #expect(simulation.isFinished, "the run stops and says why")
    }

    @Test func anUnknownQueueByNameIsAnInvariantFailureToo() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("retries"))
        #expect(simulation.queueID(named: "nowhere") == nil)
        #expect(simulation.violation?.detail.contains("nowhere") == true)
    }

    @Test func aQueueACommandCreatesIsCountedEverywhere() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("retries"), options: .init(duration: 3 * 60 * NanosPerUnit.second))
        simulation.run(until: 20 * NanosPerUnit.second)
        let tasks = try simulation.broker.queue("tasks")
        let sequence = try #require(tasks.messages(limit: 1).first?.sequence)
        // Copying to a name that does not exist creates it as a queue.
        guard case .done = simulation.perform(.copyToDeadLetter(source: .queue("tasks"), sequence: sequence, destination: "kept-aside")) else {
            Issue.record("the copy was refused"); return
        }
        guard case .done = simulation.perform(.publish(target: "kept-aside", key: "k", value: Array("v".utf8), headers: [], messageId: nil)) else {
            Issue.record("the publish was refused"); return
        }
        let id = try #require(simulation.queues.id(named: "kept-aside"), "the new queue is kept")
        #expect(simulation.queues[id].enqueued == 2, "the copy and the publish")
        #expect(simulation.queues[id].offered == 2, "both came in through the external publish path")
        simulation.runToEnd()
        #expect(simulation.violation == nil, "conservation holds for it too: \(String(describing: simulation.violation))")
        #expect(simulation.queues.all.contains { $0.name == "kept-aside" }, "conservation and progress read every kept queue")
        let summary = simulation.summary()
        #expect(summary.number(at: .queue("kept-aside", .finalDepth)) == 2, "nobody reads it, so both wait")
        #expect(summary.number(at: .queue("kept-aside", .orderViolations)) == 0, "lesson measures exist for it")
        #expect(summary.number(at: .queue("kept-aside", .offered)) == 2)
        #expect(simulation.progressLine().depth(of: "kept-aside") == 2)
    }
}
