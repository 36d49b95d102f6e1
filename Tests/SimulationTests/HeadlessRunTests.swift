import Testing
import SluiceModel
@testable import Simulation

@Suite struct HeadlessRunTests {
    private static let small = """
    [scenario]
    name = "small"
    duration = "20s"

    [[queue]]
    name = "q"

    [[producer]]
    name = "p"
    target = "q"
    rate = 10.0

    [[consumer]]
    name = "c"
    source = "q"
    service = { distribution = "constant", mean = "10ms" }
    """

    private func run(_ text: String, format: HeadlessRun.Format = .json) throws -> (HeadlessRun.Outcome, [String], [String]) {
        var output: [String] = [], problems: [String] = []
        let outcome = try HeadlessRun.run(try ScenarioLoader.parse(text, file: "small.toml"), options: .init(), format: format,
                                          output: { output.append($0) }, problems: { problems.append($0) })
        return (outcome, output, problems)
    }

    @Test func summaryHasEveryContractKey() throws {
        let (outcome, output, _) = try run(Self.small)
        #expect(outcome.exitCode == 0)
        #expect(output.count == 1)
        let json = outcome.summary.json
        for key in SummaryKeys.totals { #expect(json.lookup(key) != nil, "missing \(key)") }
        for key in SummaryKeys.queue { #expect(json.lookup("queues.q.\(key)") != nil, "missing queues.q.\(key)") }
        #expect(outcome.summary.number(at: .total(.simTime)) == 20)
    }

    @Test func theTopLevelOrderViolationsCountQueuesToo() throws {
        let outcome = try HeadlessRun.run(try ScenarioLoader.resolve("per-key-order"), options: .init(), format: .json,
                                          output: { _ in }, problems: { _ in })
        let queueViolations = try #require(outcome.summary.number(at: .queue("account-tasks", .orderViolations)))
        #expect(queueViolations > 0)
        #expect(outcome.summary.number(at: .total(.orderViolations)) == queueViolations)
    }

    @Test func aSeedAboveInt64MaxPrintsBackUnsigned() throws {
        let outcome = try quietRun(Self.small, file: "small.toml",
                                   options: .init(seed: .max, duration: 2 * NanosPerUnit.second))
        #expect(outcome.summary.text().hasPrefix(#"{"seed":18446744073709551615,"#))
    }

    @Test func ndjsonPrintsALinePerSimulatedSecondThenTheSummary() throws {
        let (_, output, _) = try run(Self.small, format: .ndjson)
        #expect(output.count == 21)
        #expect(output.first?.hasPrefix(#"{"t":1,"#) == true)
        #expect(output.last?.hasPrefix(#"{"seed":1,"#) == true)
    }

    @Test func aFailedExpectationExitsOneNamingItAndTheActualValue() throws {
        let (outcome, _, problems) = try run(Self.small + "\n[expect]\nacked = \"> 1000\"\nlost = 0\n")
        #expect(outcome.exitCode == 1)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("small.toml:18: expectation failed: acked > 1000 (actual ") == true)
    }

    @Test func groupsGroupKeysAreInTheSummary() throws {
        let text = """
        [scenario]
        name = "g"
        duration = "10s"
        [[stream]]
        name = "s"
        partitions = 2
        [[producer]]
        name = "p"
        target = "s"
        rate = 20.0
        keys = { count = 10 }
        [[consumer]]
        name = "c"
        source = "s"
        group = "g1"
        """
        let (outcome, _, _) = try run(text, format: .text)
        for key in SummaryKeys.group { #expect(outcome.summary.json.lookup("groups.s/g1.\(key)") != nil) }
        #expect(outcome.summary.number(at: .total(.finalLag)) ?? -1 >= 0)
    }
}

@Suite struct InvariantTests {
    /// The checker itself must catch a broken invariant and stop at the event that broke it.
    @Test func aLossUnderCommitAfterStopsTheRun() throws {
        let scenario = try ScenarioLoader.resolve("poison-pill")
        let simulation = try Simulation(scenario: scenario, options: .init(duration: 30 * NanosPerUnit.second))
        simulation.run(until: 10 * NanosPerUnit.second)
        #expect(simulation.violation == nil)
        // Pretend the consumer forgot that it processed records of partition 0: the next commit there is a loss.
        let ledger = try #require(simulation.consumers.id(named: "ledger").flatMap { simulation.consumers[$0].source.stream })
        simulation.consumers[ledger].accounted[0] = IntervalSet()
        let before = simulation.eventCount
        simulation.runToEnd()
        let violation = try #require(simulation.violation)
        #expect(violation.invariant == "no loss when commits follow processing")
        #expect(violation.event > before)
        #expect(simulation.now < 30 * NanosPerUnit.second, "the run stops at the violation")
        #expect(simulation.summary().json.lookup("invariant_violation") == .string(violation.description))
    }

    @Test func aKeyTakingEffectOutOfOrderStopsTheRun() throws {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve("hot-partition"), options: .init(duration: 30 * NanosPerUnit.second))
        simulation.run(until: 5 * NanosPerUnit.second)
        // Pretend every key of every partition already took effect far ahead: the next record is out of order.
        let consumer = try #require(simulation.consumers.streamIDs.first)
        for partition in simulation.consumers[consumer].lastOffsetByKey.indices {
            for key in (0..<1000).map({ Array("k\($0)".utf8) }) { simulation.consumers[consumer].lastOffsetByKey[partition][key] = 1_000_000 }
        }
        simulation.runToEnd()
        #expect(simulation.violation?.invariant == "per-key order")
        #expect(simulation.summary().number(at: .total(.orderViolations)) == 1)
    }

    @Test func aQueueThatLosesCountStopsTheRunAtTheNextCheck() throws {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve("retries"), options: .init(duration: 5 * 60 * NanosPerUnit.second))
        simulation.run(until: 30 * NanosPerUnit.second)
        let tasks = try #require(simulation.queues.id(named: "tasks"))
        simulation.queues[tasks].enqueued += 1
        simulation.runToEnd()
        let violation = try #require(simulation.violation)
        #expect(violation.invariant == "conservation")
        #expect(violation.at == 60 * NanosPerUnit.second, "checked once a simulated minute")
    }

    @Test func intervalSetsCountWhatIsMissing() {
        var set = IntervalSet()
        for value: Int64 in [5, 1, 2, 9, 3, 8, 0] { set.insert(value) }
        #expect(set.ranges == [0...3, 5...5, 8...9])
        let insertedAgain = set.insert(2)
        #expect(!insertedAgain)
        #expect(set.missing(in: 0, 10) == 3)
        set.insert(contentsOf: 4..<8)
        #expect(set.ranges == [0...9])
        #expect(set.contains(6) && !set.contains(10))
    }

    @Test func aBreakerOpensHalfOpensAndCloses() {
        var breaker = CircuitBreaker(spec: BreakerSpec(failureRate: 0.5, window: 10, minimumCalls: 4, openFor: 100, trialCalls: 2))
        for time: Nanos in 1...3 { _ = breaker.record(failed: true, at: time) }
        #expect(breaker.state == .closed, "below the minimum number of calls")
        let trip = breaker.record(failed: true, at: 4)
        #expect(trip == .open)
        let whileOpen = breaker.admit(at: 50)
        #expect(!whileOpen.allowed)
        let firstTrial = breaker.admit(at: 104)
        #expect(firstTrial.allowed && firstTrial.change == .halfOpen)
        let secondTrial = breaker.admit(at: 105)
        #expect(secondTrial.allowed)
        let third = breaker.admit(at: 106)
        #expect(!third.allowed, "only the trial calls pass")
        let firstSuccess = breaker.record(failed: false, at: 110)
        #expect(firstSuccess == nil)
        let secondSuccess = breaker.record(failed: false, at: 111)
        #expect(secondSuccess == .closed)
        #expect(breaker.rejectedCalls == 2)
    }
}
