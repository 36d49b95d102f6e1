import Testing
import Broker
import SluiceModel
@testable import Simulation

/// A periodic commit is its own scheduled event at the configured interval, not a once-a-second check:
/// read through the broker, the committed offset moves at every multiple of the interval and never between.
@Suite struct PeriodicCommitTests {
    private static let interval = 200 * NanosPerUnit.millisecond

    private static func scenario(commit: String) -> String {
        """
        [scenario]
        name = "periodic-commit"
        duration = "3s"
        seed = 11

        [[stream]]
        name = "orders"
        partitions = 2

        [[producer]]
        name = "shop"
        target = "orders"
        rate = 200.0

        [[consumer]]
        name = "ledger"
        source = "orders"
        group = "ledger"
        service = { distribution = "constant", mean = "1ms" }
        \(commit)
        """
    }

    private static func committed(_ simulation: Simulation) throws -> Int64 {
        let group = try simulation.broker.group(id: GroupID("ledger", stream: "orders"))
        return try (0..<2).reduce(0) { $0 + (try group.committedOffset(partition: $1)) }
    }

    /// How often the committed offset moved over two seconds, and whether every move fell exactly on a
    /// multiple of the interval (checked one nanosecond before, at, and just before the next one).
    private static func commitMoments(commit: String) throws -> (moves: Int, onlyOnTheInterval: Bool) {
        let simulation = try Simulation(scenario: try ScenarioLoader.parse(scenario(commit: commit), file: "commit.toml"))
        var moves = 0
        var onlyOnTheInterval = true
        for step in 1...10 {
            let due = Nanos(step) * interval
            simulation.run(until: due - 1)
            let before = try committed(simulation)
            simulation.run(until: due)
            let at = try committed(simulation)
            if at != before { moves += 1 }
            simulation.run(until: due + interval - 1)
            if try committed(simulation) != at { onlyOnTheInterval = false }
        }
        #expect(simulation.violation == nil)
        return (moves, onlyOnTheInterval)
    }

    @Test func commitIntervalOf200msCommitsWhatWasProcessedFiveTimesASecond() throws {
        let seen = try Self.commitMoments(commit: "commit = \"after\"\ncommit_interval = \"200ms\"")
        #expect(seen.moves == 10)
        #expect(seen.onlyOnTheInterval)
    }

    @Test func autoCommitOf200msCommitsWhatWasHandedOutFiveTimesASecond() throws {
        let seen = try Self.commitMoments(commit: "commit = \"auto:200ms\"")
        #expect(seen.moves == 10)
        #expect(seen.onlyOnTheInterval)
    }

    @Test func bothIntervalSpellingsLoadAsOnePeriodicModel() throws {
        let processed = try ScenarioLoader.parse(Self.scenario(commit: "commit_interval = \"1.5s\""), file: "a.toml")
        let handedOut = try ScenarioLoader.parse(Self.scenario(commit: "commit = \"auto:1.5s\""), file: "b.toml")
        let interval = 1500 * NanosPerUnit.millisecond
        #expect(processed.consumers[0].commit == .periodic(PeriodicCommit(every: interval, scope: .processed)))
        #expect(handedOut.consumers[0].commit == .periodic(PeriodicCommit(every: interval, scope: .handedOut)))
    }

    @Test func aCommitIntervalBesideAnotherStrategyIsRefusedNamingTheKey() throws {
        let text = Self.scenario(commit: "commit = \"before\"\ncommit_interval = \"1s\"")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(text, file: "c.toml") }
        do {
            _ = try ScenarioLoader.parse(text, file: "c.toml")
        } catch {
            #expect(error.key == "consumer.commit_interval")
            #expect(error.line == 21)
        }
    }

    /// A queue consumer acks: an interval commit there used to load, then stop the run at its first commit.
    @Test func aCommitIntervalOnAQueueConsumerIsRefusedNamingTheKey() throws {
        let text = """
            [scenario]
            name = "queue-commit"

            [[queue]]
            name = "tasks"

            [[consumer]]
            name = "worker"
            source = "tasks"
            commit_interval = "1s"
            """
        do {
            _ = try ScenarioLoader.parse(text, file: "q.toml")
            Issue.record("a queue consumer's commit_interval loaded")
        } catch {
            #expect(error.key == "consumer.commit_interval")
            #expect(error.line == 10)
            #expect(error.message.contains("only meaningful for stream consumers"))
        }
    }
}
