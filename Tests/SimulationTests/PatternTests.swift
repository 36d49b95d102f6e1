import Testing
import SluiceModel
@testable import Simulation

@Suite struct PatternTests {
    private func summary(_ name: String) throws -> JSONValue {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve(name))
        simulation.runToEnd()
        #expect(simulation.violation == nil)
        return simulation.summary()
    }

    private func number(_ summary: JSONValue, _ key: String) -> Double { summary.lookup(key)?.numberValue ?? .nan }

    @Test func theOutboxLosesNothingWhereADualWriteLosesEvents() throws {
        let result = try summary("outbox")
        #expect(number(result, "patterns.with-outbox.crashes") > 0)
        #expect(number(result, "patterns.with-outbox.missing_events") == 0)
        // Its relay resends after a crash; the broker's dedupe window keeps one copy of each.
        #expect(number(result, "patterns.with-outbox.deduplicated") == number(result, "patterns.with-outbox.crashes"))
        #expect(number(result, "patterns.with-outbox.events_stored") == number(result, "patterns.with-outbox.operations"))
        let crashes = number(result, "patterns.dual-write.crashes")
        #expect(crashes > 0)
        #expect(number(result, "patterns.dual-write.missing_events") == crashes)
    }

    @Test func everySagaEndsAllOrNothing() throws {
        let result = try summary("saga")
        let started = number(result, "patterns.checkout.operations")
        let committed = number(result, "patterns.checkout.committed")
        let compensated = number(result, "patterns.checkout.compensated")
        #expect(committed > 0 && compensated > 0)
        #expect(committed + compensated + number(result, "patterns.checkout.in_progress") == started)
        // With three steps failing at 0.1 each, a saga commits with probability 0.9^3.
        #expect(abs(committed / (committed + compensated) - 0.729) < 0.05)
    }

    @Test func aReplicaBuiltFromTheChangeStreamEqualsTheSource() throws {
        let result = try summary("cdc")
        #expect(result.lookup("patterns.customers.replica_matches") == .bool(true))
        #expect(number(result, "patterns.customers.source_rows") > 0)
    }

    @Test func aProjectionRebuiltByReplayEqualsTheIncrementalOne() throws {
        let result = try summary("event-sourcing")
        #expect(result.lookup("patterns.accounts.projection_matches") == .bool(true))
        #expect(result.lookup("patterns.accounts.replay_matches") == .bool(true))
    }
}
