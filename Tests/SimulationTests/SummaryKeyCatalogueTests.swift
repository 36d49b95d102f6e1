import SluiceModel
import Testing
@testable import Simulation

/// The summary is set only through `SummaryKey`'s typed keys (a key not listed cannot be written), every
/// listed key is written by some run, and everything that reads keys (expectations, lesson triggers,
/// explanations) accepts exactly those: one list, so none can drift from the others.
@Suite struct SummaryKeyCatalogueTests {
    /// Every path a summary has a value at, each entry with the keys it was set.
    private static func written(_ summary: RunSummary) -> [SummaryPath] {
        func paths<Key: SummaryField>(_ entries: [SummaryEntry<Key>], _ path: (String, Key) -> SummaryPath) -> [SummaryPath] {
            entries.flatMap { entry in entry.fields.keys.map { path(entry.name, $0) } }
        }
        return summary.totals.keys.map(SummaryPath.total) + paths(summary.queues, SummaryPath.queue)
            + paths(summary.groups, SummaryPath.group) + paths(summary.patterns, SummaryPath.pattern)
            + paths(summary.downstreams, SummaryPath.downstream) + paths(summary.connectors, SummaryPath.connector)
            + paths(summary.readModels, SummaryPath.readModel)
    }

    private static func summary(of name: String) throws -> (Scenario, RunSummary) {
        let scenario = try ScenarioLoader.resolve(name)
        let simulation = try Simulation(scenario: scenario, options: .init(duration: 20 * NanosPerUnit.second))
        simulation.runToEnd()
        return (scenario, simulation.summary())
    }

    @Test(arguments: BuiltinScenarios.names + BuiltinLessons.names)
    func everyKeyTheSummaryWritesIsCheckableUnderItsDottedName(name: String) throws {
        let (scenario, summary) = try Self.summary(of: name)
        for path in Self.written(summary) {
            let read = SummaryKeys.path(path.description, in: scenario)
            #expect(read == (path.key.kind == .identity ? nil : path), "\(path) reads back as \(String(describing: read))")
        }
        // The JSON is the same value: one member per total set, one object per section with entries.
        guard case .object(let members) = summary.json else { Issue.record("the summary is an object"); return }
        #expect(members.count == summary.totals.keys.count + 2 + [summary.patterns.isEmpty, summary.downstreams.isEmpty,
                                                                  summary.connectors.isEmpty, summary.readModels.isEmpty].count { !$0 })
    }

    @Test func everyCatalogueKeyIsWrittenBySomeBuiltinRun() throws {
        var written = Set<SummaryKey>()
        for name in BuiltinScenarios.names + BuiltinLessons.names {
            written.formUnion(Self.written(try Self.summary(of: name).1).map(\.key))
        }
        let unwritten = SummaryKey.all.filter { !written.contains($0) }.map { "\($0.section.rawValue).\($0.name)" }
        #expect(unwritten.isEmpty, "catalogued but written by no builder: \(unwritten)")
    }

    @Test func aCatalogueKeyTheSummaryDoesNotHaveIsRefusedByExpectationsAndTriggers() throws {
        let scenario = try ScenarioLoader.resolve("retries")
        #expect(SummaryKeys.path("no_such_total", in: scenario) == nil)
        #expect(SummaryKeys.path("queues.no-such-queue.acked", in: scenario) == nil, "an entry the scenario has not")
        #expect(SummaryKeys.path("queues.tasks.no_such_key", in: scenario) == nil)
        #expect(SummaryKeys.path("queues.tasks.final_depth", in: scenario) == .queue("tasks", .finalDepth))
        #expect(SummaryKeys.path("queues.tasks.final_depth", in: scenario)?.key.kind == .lesson)
        #expect(SummaryKeys.path("trace_digest", in: scenario) == nil, "the digest is written, never compared")
        #expect(throws: TriggerError.self) { try Trigger.parse("no_such_total > 1", resolve: { SummaryKeys.path($0, in: scenario) }) }
    }

    @Test func shortNamesAndExplanationsComeFromTheCatalogue() throws {
        let scenario = try ScenarioLoader.resolve("retries")
        for key in SummaryKey.all {
            if let short = key.shortName {
                let trigger = try Trigger.parse("\(short) > 1", resolve: { SummaryKeys.path($0, in: scenario) })
                #expect(trigger.clauses.first?.key.key == key, "\(short) stands for \(key.name)")
            }
            if let explanation = key.explanation {
                #expect(Explanations.explain(key.name)?.key == explanation, "\(key.name) is explained as \(explanation)")
            }
        }
    }
}
