import Testing
import SluiceModel
@testable import Simulation

/// Values a scenario file accepts must run without trapping; values beyond the limits get a file:line:key error.
@Suite struct ScenarioLimitTests {
    private static let base = """
    [scenario]
    name = "limits"
    duration = "365d"         # the longest a file may say; runs below cover 3 s of it

    [[queue]]
    name = "jobs"

    [[downstream]]
    name = "api"
    outages = [{ at = "1h", for = "5s" }]

    [[producer]]
    name = "q"
    target = "jobs"
    rate = 0.5

    [[consumer]]
    name = "w"
    source = "jobs"
    instances = 2
    downstream = "api"
    service = { distribution = "exponential", mean = "50ms" }
    slow = [{ instance = 1, factor = 2 }]
    """

    private func scenario(_ old: String, _ new: String) throws(ScenarioError) -> Scenario {
        let text = Self.base.replacingFirst(old, with: new)
        #expect(text != Self.base, "the test's replacement did not apply")
        return try ScenarioLoader.parse(text, file: "l.toml")
    }

    private func error(_ old: String, _ new: String) -> ScenarioError? {
        do throws(ScenarioError) {
            _ = try scenario(old, new)
            return nil
        } catch {
            return error
        }
    }

    private func runs(_ old: String, _ new: String) throws {
        var options = SimulationOptions()
        options.duration = 3 * NanosPerUnit.second
        let simulation = try Simulation(scenario: try scenario(old, new), options: options)
        simulation.runToEnd()
        #expect(simulation.violation == nil)
        // It ran the whole 3 s (nothing stopped it early) and every figure it reports is a real number.
        #expect(simulation.now == 3 * NanosPerUnit.second)
        let summary = simulation.summary().text()
        #expect(!summary.contains("nan") && !summary.contains("inf"), "\(new): \(summary)")
        #expect(simulation.summary().number(at: .total(.produced)) != nil)
    }

    @Test func outOfRangeValuesAreRefusedWithFileLineAndKey() {
        #expect(error("rate = 0.5", "rate = 1e-12")?.description
            == "l.toml:15: producer.rate: expected 0 or a rate from 1e-06 to 1000000 per second, got 1e-12")
        #expect(error("rate = 0.5", "rate = 2e6")?.message == "expected a number from 0 to 1000000, got 2000000")
        #expect(error("rate = 0.5", "rate = inf")?.message == "expected a number from 0 to 1000000, got inf")
        #expect(error(#"mean = "50ms""#, #"mean = "100000d""#)?.description
            == #"l.toml:22: consumer.service.mean: expected a duration of at most 365d, got "100000d""#)
        #expect(error("factor = 2", "factor = 1e300")?.key == "consumer.slow.factor")
        #expect(error(#"at = "1h", for = "5s""#, #"at = "60000d", for = "60000d""#)?.key == "downstream.outages.at")
        #expect(error(#"duration = "365d""#, #"duration = "366d""#)?.line == 3)
        #expect(error(#"rate = 0.5"#, "rate = 0.5\nschedule = [{ at = \"1s\", rate = 1e-9 }]")?.key == "producer.schedule.rate")
        #expect(error("rate = 0.5", "rate = 0.5\narrivals = \"bursty\"\nbursty = { on = \"400d\", off = \"1s\" }")?.key
            == "producer.bursty.on")
    }

    @Test func valuesAtTheLimitsRunWithoutTrapping() throws {
        try runs("rate = 0.5", "rate = 1e-6")
        try runs("rate = 0.5", "rate = 1e-6\narrivals = \"constant\"")
        try runs("rate = 0.5", "rate = 1e-6\narrivals = \"bursty\"\nbursty = { on = \"365d\", off = \"365d\" }")
        try runs(#"distribution = "exponential", mean = "50ms""#, #"distribution = "lognormal", mean = "365d", sigma = 4.0"#)
        try runs("factor = 2", "factor = 1000")
        // The longest mean on the slowest instance: a year times a thousand does not fit in Int64 nanoseconds.
        try runs(#"distribution = "exponential", mean = "50ms" }\#nslow = [{ instance = 1, factor = 2 }]"#,
                 #"distribution = "constant", mean = "365d" }\#nslow = [{ instance = 1, factor = 1000 }]"#)
        try runs(#"at = "1h", for = "5s""#, #"at = "364d", for = "365d""#)
    }

    @Test func conversionsFromDoubleSaturateInsteadOfTrapping() {
        var random = SeededGenerator(seed: 1)
        #expect(ArrivalPattern.poisson.nextArrival(after: 0, rate: 1e-15, using: &random) == Nanos.farFuture)
        #expect(ArrivalPattern.constant.nextArrival(after: 5, rate: 1e-15, using: &random) == 5 + Nanos.farFuture)
        #expect(DurationDistribution.constant(Nanos.max / 2).scaled(by: 1e300) == .constant(Nanos.farFuture))
        #expect(Nanos(saturating: .nan) == Nanos.farFuture)
        #expect(Nanos(saturating: -3) == 0)
        #expect(Nanos(saturating: 2.5) == 3)
    }
}

@Suite struct RunDurationTests {
    @Test func aDurationWithinTheWarmUpIsRefused() throws {
        let mm1 = try ScenarioLoader.resolve("mm1")
        #expect(mm1.warmup == 600 * NanosPerUnit.second)
        #expect(throws: ScenarioError(file: "--duration", line: nil, key: nil, message:
            "30s is within the warm-up (10m) of scenario mm1; statistics start after it, so ask for longer than the warm-up")) {
            try mm1.runDuration(from: "30s")
        }
        #expect(throws: ScenarioError.self) { try mm1.runDuration(from: "10m") }
        #expect(try mm1.runDuration(from: "11m") == 660 * NanosPerUnit.second)
    }

    @Test func aDurationBeyondAYearOrNotADurationIsRefused() throws {
        let demo = try ScenarioLoader.resolve("demo")
        #expect(throws: ScenarioError(file: "--duration", line: nil, key: nil, message: #"expected a duration of at most 365d, got "400d""#)) {
            try demo.runDuration(from: "400d")
        }
        #expect(throws: ScenarioError(file: "--duration", line: nil, key: nil, message: #"expected a duration like "10m", got "-5s""#)) {
            try demo.runDuration(from: "-5s")
        }
    }
}

@Suite struct ConsumerLimitTests {
    private static let queueConsumer = """
    [scenario]
    name = "prefetch"
    [[queue]]
    name = "jobs"
    [[consumer]]
    name = "w"
    source = "jobs"
    instances = 2
    concurrency = 5
    """

    private func error(_ extra: String) -> ScenarioError? {
        do throws(ScenarioError) {
            _ = try ScenarioLoader.parse(Self.queueConsumer + "\n" + extra, file: "m.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func aQueuePrefetchBelowConcurrencyIsRefused() {
        #expect(error("max_in_flight = 1")?.description
            == "m.toml:10: consumer.max_in_flight: expected at least concurrency (5), got 1; lower concurrency to take fewer messages at once")
        #expect(error("max_in_flight = 5") == nil)
    }

    @Test func tooManyServiceSlotsAreRefused() {
        let text = Self.queueConsumer.replacingFirst("instances = 2", with: "instances = 1000")
            .replacingFirst("concurrency = 5", with: "concurrency = 10000")
        #expect(throws: ScenarioError(file: "m.toml", line: 9, key: "consumer.concurrency",
                                      message: "expected instances × concurrency of at most 100000, got 1000 × 10000")) {
            try ScenarioLoader.parse(text, file: "m.toml")
        }
    }
}

@Suite struct SubTableLineTests {
    @Test func aSubTableHeaderUnderAnArrayOfTablesPointsAtItsOwnLines() {
        let text = """
        [scenario]
        name = "lines"
        [[queue]]
        name = "a"
        [[queue]]
        name = "b"
        max_deliveries = 2
        dead_letter = "a"
        [queue.retry]
        backoff = "exponential"
        initial = "x"
        """
        #expect(throws: ScenarioError(file: "l.toml", line: 11, key: "queue.retry.initial",
                                      message: #"expected a duration like "250ms", got "x""#)) {
            try ScenarioLoader.parse(text, file: "l.toml")
        }
    }
}

@Suite struct BinaryFileTests {
    @Test func aFileWithControlCharactersIsNotTOMLText() {
        #expect(throws: ScenarioError(file: "nul.toml", line: 1, key: nil, message: "not a TOML text file (control character 0x00)")) {
            try ScenarioLoader.parse("\u{0}\u{1}\u{2}", file: "nul.toml")
        }
        #expect(throws: ScenarioError(file: "b.toml", line: 2, key: nil, message: "not a TOML text file (control character 0x1B)")) {
            try ScenarioLoader.parse("[scenario]\nname = \"\u{1B}x\"\n", file: "b.toml")
        }
    }
}
