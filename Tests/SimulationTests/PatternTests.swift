import Testing
import SluiceModel
@testable import Simulation

@Suite struct PatternTests {
    private func summary(_ name: String) throws -> RunSummary {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve(name))
        simulation.runToEnd()
        #expect(simulation.violation == nil)
        return simulation.summary()
    }

    private func number(_ summary: RunSummary, _ path: SummaryPath) -> Double { summary.number(at: path) ?? .nan }

    @Test func theOutboxLosesNothingWhereADualWriteLosesEvents() throws {
        let result = try summary("outbox")
        #expect(number(result, .pattern("with-outbox", .crashes)) > 0)
        #expect(number(result, .pattern("with-outbox", .missingEvents)) == 0)
        // Its relay resends after a crash; the broker's dedupe window keeps one copy of each.
        #expect(number(result, .pattern("with-outbox", .deduplicated)) == number(result, .pattern("with-outbox", .crashes)))
        #expect(number(result, .pattern("with-outbox", .eventsStored)) == number(result, .pattern("with-outbox", .operations)))
        let crashes = number(result, .pattern("dual-write", .crashes))
        #expect(crashes > 0)
        #expect(number(result, .pattern("dual-write", .missingEvents)) == crashes)
    }

    @Test func everySagaEndsAllOrNothing() throws {
        let result = try summary("saga")
        let started = number(result, .pattern("checkout", .operations))
        let committed = number(result, .pattern("checkout", .committed))
        let compensated = number(result, .pattern("checkout", .compensated))
        #expect(committed > 0 && compensated > 0)
        #expect(committed + compensated + number(result, .pattern("checkout", .inProgress)) == started)
        // With three steps failing at 0.1 each, a saga commits with probability 0.9^3.
        #expect(abs(committed / (committed + compensated) - 0.729) < 0.05)
    }

    @Test func aReplicaBuiltFromTheChangeStreamEqualsTheSource() throws {
        let result = try summary("cdc")
        #expect(result.number(at: .pattern("customers", .replicaMatches)) == 1)
        #expect(number(result, .pattern("customers", .sourceRows)) > 0)
    }

    @Test func aProjectionRebuiltByReplayEqualsTheIncrementalOne() throws {
        let result = try summary("event-sourcing")
        #expect(result.number(at: .pattern("accounts", .projectionMatches)) == 1)
        #expect(result.number(at: .pattern("accounts", .replayMatches)) == 1)
    }
}
