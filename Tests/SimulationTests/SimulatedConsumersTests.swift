import Broker
import SluiceModel
import Testing
@testable import Simulation

/// Consumers and their instances are one owner reached by typed ids: lookups by name and by source are
/// indexes that follow scaling, and the dispatch list queues each consumer once per round.
@Suite struct SimulatedConsumersTests {
    @Test func aConsumerMarkedAgainBeforeItsTurnInTheRoundIsDispatchedOnce() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("demo"))
        var consumers = simulation.consumers
        #expect(!consumers.hasDirty, "set-up dispatched everything it marked")
        let billing = try #require(consumers.id(named: "billing"))
        let mailer = try #require(consumers.id(named: "mailer"))
        consumers.markDirty(billing)
        consumers.markDirty(mailer)
        consumers.markDirty(billing)
        #expect(consumers.takeDirty() == [billing, mailer], "each once, in the order first marked")
        consumers.dispatching(billing)
        consumers.markDirty(mailer)
        #expect(!consumers.hasDirty, "the mailer still waits for its turn in this round")
        consumers.markDirty(billing)
        #expect(consumers.takeDirty() == [billing], "the billing consumer was dispatched already: it goes again")
    }

    @Test func readersOfASourceAreTheConsumersThatNameIt() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("demo"))
        let readers = simulation.consumers.reading("orders").map { simulation.consumers[$0].spec.name }
        #expect(readers == simulation.scenario.consumers.filter { $0.source == "orders" }.map(\.name))
        #expect(simulation.consumers.reading("nowhere").isEmpty)
    }

    @Test func aRemovedInstanceIsNoLongerFoundByNameAndANewOneIs() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("demo"))
        let billing = try #require(simulation.consumers.id(named: "billing"))
        let before = simulation.consumers.liveInstances(of: billing).map { simulation.consumers[$0].name }
        #expect(before == ["billing/1", "billing/2", "billing/3"])
        guard case .done = simulation.perform(.removeInstance(consumer: "billing")) else {
            Issue.record("the removal was refused"); return
        }
        #expect(simulation.consumers.instance(named: "billing/3") == nil)
        #expect(simulation.perform(.crash(instance: "billing/3")) == .failed("no instance billing/3"))
        guard case .done = simulation.perform(.addInstance(consumer: "billing")) else {
            Issue.record("the addition was refused"); return
        }
        let added = try #require(simulation.consumers.instance(named: "billing/4"), "numbers are never reused")
        #expect(simulation.consumers[added].consumer == billing)
        #expect(simulation.consumers.liveInstances(of: billing).map { simulation.consumers[$0].name } == ["billing/1", "billing/2", "billing/4"])
        #expect(simulation.violation == nil)
    }

    @Test func eachKindsStateIsMadeWithItsConsumerAndReachedFromIt() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("demo"))
        let consumers = simulation.consumers
        let scenario = simulation.scenario
        let streamNames = scenario.consumers.filter { scenario.hasStream($0.source) }.map(\.name)
        let queueNames = scenario.consumers.filter { !scenario.hasStream($0.source) }.map(\.name)
        #expect(streamNames == ["billing", "inventory", "analytics"] && queueNames == ["mailer"])
        #expect(consumers.streamIDs.map { consumers[consumers[$0].consumer].spec.name } == streamNames)
        #expect(consumers.queueIDs.map { consumers[consumers[$0].consumer].spec.name } == queueNames)
        for id in consumers.streamIDs {
            let consumer = consumers[id].consumer
            #expect(consumers[consumer].source.stream == id)
            #expect(consumers.stream(group: consumers[id].group.id) == id)
            #expect(consumers[id].owners.count == 6 && consumers[id].startOffsets.count == 6)
            #expect(consumers[id].members.count == consumers[consumer].instances.count)
        }
        #expect(consumers.streams(reading: "orders") == consumers.streamIDs)
        #expect(consumers.streams(reading: "emails").isEmpty, "a queue's readers have no stream state")
        for id in consumers.queueIDs {
            let consumer = consumers[id].consumer
            guard case .queue(let queue, let part) = consumers[consumer].source else {
                Issue.record("\(consumers[consumer].spec.name) reads a queue but its source is a stream"); continue
            }
            #expect(part == id && queue.name == "emails")
            #expect(consumers[id].members.count == consumers[consumer].instances.count)
        }
    }

    @Test func anInstanceAddedByACommandGetsItsKindsStateAndWorks() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("demo"), options: .init(duration: 60 * NanosPerUnit.second))
        simulation.run(until: 10 * NanosPerUnit.second)
        for name in ["mailer", "inventory"] {
            guard case .done = simulation.perform(.addInstance(consumer: name)) else {
                Issue.record("adding an instance of \(name) was refused"); return
            }
        }
        let mailer = try #require(simulation.consumers.instance(named: "mailer/3"))
        let inventory = try #require(simulation.consumers.instance(named: "inventory/3"))
        let queue = try #require(simulation.consumers.queueIDs.first)
        let stream = try #require(simulation.consumers.id(named: "inventory").flatMap { simulation.consumers[$0].source.stream })
        simulation.run(until: 30 * NanosPerUnit.second)
        #expect(simulation.violation == nil)
        #expect(simulation.consumers[mailer, of: queue].hasReceived, "the new queue instance asked its queue")
        #expect(simulation.consumers[mailer].processed > 0)
        #expect(simulation.consumers[stream].owners.contains(inventory), "the rebalance gave the new member partitions")
        #expect(simulation.consumers[inventory].processed > 0)
    }

    @Test func aStreamConsumersFirstInstancesJoinTheirGroupInOneRebalance() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("demo"), options: .init(keepFullEventLog: true))
        let streamConsumers = simulation.scenario.consumers.filter { $0.source == "orders" }
        let rebalances = simulation.eventLog.filter { $0.kind == .rebalance }
        #expect(rebalances.count == streamConsumers.count, "one per group: \(rebalances.map(\.text))")
        let snapshot = simulation.broker.snapshot()
        for consumer in streamConsumers {
            let group = try #require(snapshot.group(id: GroupID(consumer.group ?? consumer.name, stream: "orders")))
            #expect(group.generation == 1)
            #expect(group.members.map(\.id) == (1...consumer.instances).map { "\(consumer.name)/\($0)" })
            #expect(group.partitions.allSatisfy { $0.owner != nil }, "every partition has an owner from the start")
        }
    }
}
