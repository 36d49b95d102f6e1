import SluiceModel
import Testing
@testable import Simulation

/// Every record a group is to read is counted once: acked, dead-lettered, in flight, waiting or dropped.
@Suite struct StreamTallyTests {
    private static let allFail = """
    [scenario]
    name = "park"
    duration = "1m"
    [[stream]]
    name = "s"
    partitions = 1
    [[producer]]
    name = "p"
    target = "s"
    rate = 10.0
    arrivals = "constant"
    [[consumer]]
    name = "c"
    source = "s"
    group = "g"
    failure = { probability = 1.0 }
    max_attempts = 1
    """

    private static let parts = ["acked", "dead_lettered", "in_flight", "waiting", "dropped"]

    /// The five parts and `produced`, by name, from a total (`nil` entry) or a group's entry.
    private func numbers(_ summary: RunSummary, group: String? = nil) throws -> [String: Double] {
        var values: [String: Double] = [:]
        for name in Self.parts + ["produced"] {
            let path = try #require(SummaryPath(group.map { "groups.\($0).\(name)" } ?? name))
            let value = try #require(summary.number(at: path), "\(path)")
            values[name] = value
        }
        return values
    }

    /// Checks the identity for every group of a summary, and for the top level when each stream has one group.
    private func expectIdentity(_ summary: RunSummary, scenario: Scenario, _ label: String) throws {
        for entry in summary.groups {
            let group = try numbers(summary, group: entry.name)
            #expect(group["produced"] == Self.parts.reduce(0) { $0 + group[$1]! }, "\(label) \(entry.name): \(group)")
        }
        let readersPerStream = Dictionary(grouping: scenario.consumers.filter { scenario.hasStream($0.source) }, by: \.source)
        guard readersPerStream.values.allSatisfy({ $0.count == 1 }), scenario.patterns.isEmpty else { return }
        let total = try numbers(summary)
        #expect(total["produced"] == Self.parts.reduce(0) { $0 + total[$1]! }, "\(label): \(total)")
    }

    @Test func aParkedRecordIsDeadLetteredOnlyNotAlsoAcked() throws {
        let summary = try quietRun(Self.allFail, file: "p.toml").summary
        let total = try numbers(summary)
        #expect(total["produced"] == 600)
        #expect(total["acked"] == 0)
        #expect(total["dead_lettered"]! + total["in_flight"]! == 600)
        #expect(try numbers(summary, group: "s/g") == total)
    }

    @Test func copiesInTheConsumersDeadLetterQueueAreNotCountedAgainAsWaiting() throws {
        let text = Self.allFail.replacingFirst("max_attempts = 1", with: "max_attempts = 1\ndead_letter = \"parked\"")
            .replacingFirst("[[producer]]", with: "[[queue]]\nname = \"parked\"\n[[producer]]")
        let summary = try quietRun(text, file: "p.toml").summary
        let total = try numbers(summary)
        #expect(total["waiting"] == 0)
        #expect(total["produced"] == Self.parts.reduce(0) { $0 + total[$1]! })
        // The copies are there, in the queue, and counted once: as the records' dead letters.
        #expect(summary.number(at: .queue("parked", .finalDepth)) == total["dead_lettered"])
    }

    @Test func aReplayBelowTheCommitLeavesSettledRecordsSettledAndParkedOnesWaitingAgain() {
        var parked = IntervalSet()
        _ = parked.insert(3)
        _ = parked.insert(8)
        // Committed to 10, then a replay moved the position back to 5: 8 is to be read again.
        let tally = StreamTally(start: 0, committed: 10, position: 5, logStart: 0, logEnd: 12, parked: parked)
        #expect(tally == StreamTally(produced: 12, acked: 8, deadLettered: 2, inFlight: 0, waiting: 2, dropped: 0))
        // Retention removed records 0..<7 the group had read only up to 4 of.
        let behind = StreamTally(start: 0, committed: 2, position: 4, logStart: 7, logEnd: 12, parked: IntervalSet())
        #expect(behind == StreamTally(produced: 12, acked: 2, deadLettered: 0, inFlight: 2, waiting: 5, dropped: 3))
    }

    /// The built-ins over a shortened run (the identity holds at every moment, so a short one shows it).
    @Test(arguments: BuiltinScenarios.names + BuiltinLessons.names)
    func theIdentityHoldsPerGroupOnEveryBuiltin(name: String) throws {
        let scenario = try ScenarioLoader.resolve(name)
        let simulation = try Simulation(scenario: scenario, options: .init(duration: min(scenario.duration, 90 * NanosPerUnit.second)))
        simulation.runToEnd()
        try expectIdentity(simulation.summary(), scenario: scenario, name)
    }

    /// Generated scenarios: random partitions, failure rates, attempts, retention and replays.
    @Test(arguments: 1...12)
    func theIdentityHoldsOnGeneratedScenarios(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        let retention = pick(0...1) == 0 ? "" : "retention = { max_messages = \(pick(5...50)) }"
        let deadLetter = pick(0...1) == 0
        let text = """
        [scenario]
        name = "generated"
        duration = "\(pick(10...40))s"
        seed = \(seed)
        [[stream]]
        name = "s"
        partitions = \(pick(1...4))
        \(retention)
        \(deadLetter ? "[[queue]]\nname = \"dlq\"" : "")
        [[producer]]
        name = "p"
        target = "s"
        rate = \(pick(5...60)).0
        keys = { count = \(pick(1...20)), distribution = "uniform" }
        [[consumer]]
        name = "c"
        source = "s"
        group = "g"
        instances = \(pick(1...3))
        failure = { probability = \(Double(pick(0...10)) / 10) }
        max_attempts = \(pick(1...4))
        service = { distribution = "exponential", mean = "\(pick(5...150))ms" }
        \(deadLetter ? "dead_letter = \"dlq\"" : "")
        [[consumer]]
        name = "audit"
        source = "s"
        group = "audit"
        start = "\(pick(0...1) == 0 ? "earliest" : "latest")"
        [[fault]]
        at = "\(pick(1...8))s"
        action = "\(["pause", "crash", "restart"][pick(0...2)])"
        target = "c"
        for = "\(pick(1...5))s"
        """
        let scenario = try ScenarioLoader.parse(text, file: "generated-\(seed).toml")
        let simulation = try Simulation(scenario: scenario, options: .init())
        simulation.runToEnd()
        #expect(simulation.violation == nil)
        try expectIdentity(simulation.summary(), scenario: scenario, "seed \(seed)")
    }
}
