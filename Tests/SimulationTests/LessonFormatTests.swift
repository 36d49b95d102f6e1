import Foundation
import Testing
import SluiceModel
@testable import Simulation

/// The lesson format: `[lesson]`, `[[step]]` with `at` or a `when` trigger, actions, and the errors
/// that name file, line and key.
@Suite struct LessonFormatTests {
    /// A small lesson: one slow consumer, lag that grows, a second instance when lag passes 300.
    static let lesson = """
    [scenario]
    name = "tiny"
    seed = 1
    duration = "40s"

    [lesson]
    title = "Tiny"
    teaches = "Lag grows, then an instance is added."
    order = 1

    [[stream]]
    name = "orders"
    partitions = 2

    [[producer]]
    name = "shop"
    target = "orders"
    rate = 120.0
    arrivals = "constant"
    keys = "none"

    [[consumer]]
    name = "worker"
    source = "orders"
    group = "worker"
    service = { distribution = "constant", mean = "10ms" }

    [[step]]
    at = "0s"
    text = "first"

    [[step]]
    when = "lag > 300"
    text = "second"
    actions = [{ action = "scale", target = "worker", instances = 2 }]

    [[step]]
    when = "final_lag shrinks and time >= 17"
    text = "third"

    [expect]
    max_lag = "310 ± 10"
    """

    private func loadError(_ text: String) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text, file: "x.toml")
            return nil
        } catch {
            return error
        }
    }

    /// The lesson with `old` replaced by `new` (which must occur).
    private func variant(_ old: String, _ new: String) -> String {
        #expect(Self.lesson.contains(old))
        return Self.lesson.replacingOccurrences(of: old, with: new)
    }

    @Test func readsTitleStepsAndConditions() throws {
        let scenario = try ScenarioLoader.parse(Self.lesson, file: "x.toml")
        let lesson = try #require(scenario.lesson)
        #expect(lesson.title == "Tiny" && lesson.order == 1)
        #expect(lesson.steps.map(\.text) == ["first", "second", "third"])
        #expect(lesson.steps[0].condition == .at(0))
        #expect(lesson.steps[1].condition.text == "when lag > 300")
        #expect(lesson.steps[1].actions.map(\.action) == [.scale])
        guard case .when(let trigger) = lesson.steps[2].condition else { Issue.record("not a trigger"); return }
        #expect(trigger.clauses == [.shrinks(key: .total(.finalLag)), .compare(key: .total(.simTime), comparison: .greaterOrEqual, value: 17)])
    }

    @Test func stepsFireInOrderAndWhenActionsRun() throws {
        let simulation = try Simulation(scenario: try ScenarioLoader.parse(Self.lesson, file: "x.toml"))
        #expect(simulation.lessonRunner?.reached == 1, "an at = 0s step fires at the start")
        simulation.runToEnd()
        let runner = try #require(simulation.lessonRunner)
        #expect(runner.reached == 3)
        // Lag grows by 20/s with one instance (plus the record in service), so it passes 300 at 15 s.
        #expect(runner.firedAt[1] == 15 * NanosPerUnit.second)
        // The action added an instance: lag shrinks from 16 s on, but the third step waits for time >= 17.
        #expect(runner.firedAt[2] == 17 * NanosPerUnit.second)
        let summary = simulation.summary()
        #expect(summary.number(at: .total(.idleMembers)) == 0)
        #expect((summary.number(at: .total(.finalLag)) ?? 999) < 10, "the scaled group drained")
        #expect(ExpectationCheck.failures(of: simulation.scenario.expectations, in: summary).isEmpty)
    }

    @Test func aStepWithoutItsTriggerNeverFires() throws {
        let text = variant("when = \"lag > 300\"", "when = \"dead_lettered grows\"")
        let simulation = try Simulation(scenario: try ScenarioLoader.parse(text, file: "x.toml"))
        simulation.runToEnd()
        #expect(simulation.lessonRunner?.reached == 1, "nothing is dead-lettered, and later steps wait their turn")
    }

    @Test func backendShowsTheLessonAndBrowsesSteps() throws {
        let backend = try SimulationBackend(scenario: try ScenarioLoader.parse(Self.lesson, file: "x.toml"))
        var lesson = try #require(backend.snapshot().lesson)
        #expect(lesson.title == "Tiny" && lesson.stepIndex == 0 && lesson.stepCount == 3 && lesson.text == "first")
        #expect(lesson.reached == 1 && lesson.firedAt == 0)
        #expect(backend.snapshot().capabilities.allows(.lessonStep))
        #expect(backend.send(.lessonStep(delta: 1)) == .done("lesson step 2/3"))
        lesson = try #require(backend.snapshot().lesson)
        #expect(lesson.stepIndex == 1 && lesson.firedAt == nil)
        #expect(lesson.text == "(not yet: when lag > 300) second")
        #expect(backend.send(.lessonStep(delta: 5)) == .done("lesson step 3/3"))
        #expect(backend.send(.lessonStep(delta: -9)) == .done("lesson step 1/3"))
    }

    @Test func aScenarioWithoutALessonRefusesLessonCommands() throws {
        let text = Self.lesson.components(separatedBy: "[lesson]")[0] + "[expect]\nlost = 0\n"
        let backend = try SimulationBackend(scenario: try ScenarioLoader.parse(text, file: "x.toml"))
        #expect(backend.snapshot().lesson == nil)
        // Lesson commands stay available: the built-in lessons can be opened from here.
        #expect(backend.snapshot().capabilities.allows(.openLesson))
        #expect(backend.send(.lessonStep(delta: 1)) == .failed("this scenario has no lesson"))
    }

    @Test(arguments: [
        ("when = \"lag > 300\"", "when = \"lagg > 300\"", "step.when", "unknown key \"lagg\""),
        ("when = \"lag > 300\"", "when = \"lag is big\"", "step.when", "expected a trigger like"),
        ("when = \"lag > 300\"", "when = \"lag > lots\"", "step.when", "expected a number after \">\""),
        ("when = \"lag > 300\"", "at = \"5s\"\nwhen = \"lag > 300\"", "step.when", "not both"),
        ("at = \"0s\"\ntext = \"first\"", "text = \"first\"", "step", "missing at or when"),
        ("at = \"0s\"", "at = \"soon\"", "step.at", "expected a duration like \"250ms\", got \"soon\""),
        ("at = \"0s\"", "at = \"2m\"", "step.at", "within the scenario's duration"),
        ("text = \"first\"", "text = \"first\"\nhint = \"x\"", "step.hint", "unknown key"),
        ("text = \"third\"", "text = \"third\"\n\n[[step]]\nat = \"30s\"\ntext = \"x\"\n\n[[step]]\nat = \"10s\"\ntext = \"late\"",
         "step.at", "time order"),
        ("instances = 2 }", "instances = 2, at = \"3s\" }", "step.actions.at", "unknown key"),
        ("target = \"worker\", instances", "target = \"nobody\", instances", "step.actions.target", "expected a consumer"),
        ("{ action = \"scale\", target = \"worker\", instances = 2 }", "{ action = \"replay\", target = \"orders/nobody\" }",
         "step.actions.target", "expected a consumer group (orders/worker)"),
        ("{ action = \"scale\", target = \"worker\", instances = 2 }", "{ action = \"replay\", target = \"worker\", to = \"start\" }",
         "step.actions.to", "expected one of earliest, latest"),
        ("title = \"Tiny\"\n", "", "lesson.title", "missing"),
        ("order = 1", "order = 0", "lesson.order", "expected an integer from 1"),
    ])
    func errorsNameLineKeyAndExpectation(old: String, new: String, key: String, message: String) throws {
        let error = try #require(loadError(variant(old, new)))
        #expect(error.file == "x.toml")
        #expect(error.line != nil)
        #expect(error.key == key)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func stepsNeedALessonAndALessonNeedsSteps() throws {
        let withoutHeader = Self.lesson.replacingOccurrences(of: "[lesson]\ntitle = \"Tiny\"\nteaches = \"Lag grows, then an instance is added.\"\norder = 1\n", with: "")
        let error = try #require(loadError(withoutHeader))
        #expect(error.description.hasPrefix("x.toml:"), "\(error)")
        #expect(error.message.contains("needs a [lesson] table"))
        let withoutSteps = Self.lesson.components(separatedBy: "[[step]]")[0] + "[expect]\nlost = 0\n"
        #expect(loadError(withoutSteps)?.message.contains("at least one [[step]]") == true)
    }

    @Test func expectationsCompareKeysAndTolerances() throws {
        let text = variant("max_lag = \"310 ± 10\"", """
        max_lag = "300 ± 5%"
        final_lag = "<= max_lag"
        "groups.orders/worker.idle_members" = "== idle_members"
        """)
        let scenario = try ScenarioLoader.parse(text, file: "x.toml")
        let byKey = Dictionary(uniqueKeysWithValues: scenario.expectations.map { ($0.key, $0) })
        #expect(byKey[.total(.maxLag)]?.tolerance == 15)
        #expect(byKey[.total(.finalLag)]?.reference == .total(.maxLag))
        #expect(byKey[.group("orders/worker", .idleMembers)]?.reference == .total(.idleMembers))
        var summary = RunSummary()
        summary.totals[.maxLag] = .int(320)
        summary.totals[.finalLag] = .int(321)
        summary.totals[.idleMembers] = .int(0)
        var group = SummaryFields<SummaryKey.Group>()
        group[.idleMembers] = .int(0)
        summary.groups = [SummaryEntry("orders/worker", group)]
        let failures = ExpectationCheck.failures(of: scenario.expectations, in: summary)
        #expect(failures.map(\.expectation.key.description).sorted() == ["final_lag", "max_lag"])
        #expect(failures.map(\.description).contains("expectation failed: final_lag <= max_lag (actual 321, max_lag 320)"))
        #expect(failures.map(\.description).contains("expectation failed: max_lag == 300 ± 15 (actual 320)"))
        #expect(loadError(variant("max_lag = \"310 ± 10\"", "max_lag = \"310 ± lots\""))?.key == "expect.max_lag")
    }

    @Test func narratedRunPrintsStepsAsTheyFireThenTheChecks() throws {
        var lines: [String] = []
        let outcome = try NarratedRun.run(try ScenarioLoader.parse(Self.lesson, file: "x.toml"), output: { lines.append($0) })
        #expect(outcome.exitCode == 0)
        #expect(lines == [
            "Tiny (lesson 1): Lag grows, then an instance is added.",
            "[00:00] step 1/3: first",
            "[00:15] step 2/3: second",
            "[00:17] step 3/3: third",
            "[00:40] end: 1 of 1 checks hold",
            "  ok   max_lag == 310 ± 10 (actual \(lines.last?.split(separator: " ").last?.dropLast() ?? ""))",
        ])
        #expect(NarratedRun.clock(3_725 * NanosPerUnit.second) == "1:02:05")
    }

    @Test func triggersParseShortcutsAndReportBadInput() throws {
        let known: (String) -> SummaryPath? = { dotted in
            ["final_lag", "dead_lettered", "sim_time_s", "queues.q.final_depth"].contains(dotted) ? SummaryPath(dotted) : nil
        }
        #expect(try Trigger.parse("dlq_grows", resolve: known).clauses == [.grows(key: .total(.deadLettered))])
        #expect(try Trigger.parse("\"queues.q.final_depth\" >= 10 and lag < 5", resolve: known).clauses ==
                [.compare(key: .queue("q", .finalDepth), comparison: .greaterOrEqual, value: 10),
                 .compare(key: .total(.finalLag), comparison: .less, value: 5)])
        #expect(throws: TriggerError.self) { try Trigger.parse("lag > 5 and", resolve: known) }
        #expect(throws: TriggerError.self) { try Trigger.parse("queues.other.final_depth > 5", resolve: known) }
        let trigger = try Trigger.parse("dlq grows and time > 3", resolve: known)
        #expect(trigger.holds(value: { [.total(.deadLettered): 2, .total(.simTime): 4][$0] }, previous: { _ in 1 }))
        #expect(!trigger.holds(value: { [.total(.deadLettered): 1, .total(.simTime): 4][$0] }, previous: { _ in 1 }))
        #expect(!trigger.holds(value: { [.total(.deadLettered): 2, .total(.simTime): 4][$0] }, previous: { _ in nil }))
    }
}
