import SluiceModel
import Testing
@testable import Simulation

/// The summary writes only keys `SummaryKey` lists, and everything that reads keys (expectations, lesson
/// triggers, explanations) accepts exactly those: one list, so none can drift from the others.
@Suite struct SummaryKeyCatalogueTests {
    @Test(arguments: BuiltinScenarios.names + BuiltinLessons.names)
    func everyKeyTheSummaryWritesIsCataloguedAndCheckable(name: String) throws {
        let scenario = try ScenarioLoader.resolve(name)
        let simulation = try Simulation(scenario: scenario, options: .init(duration: 20 * NanosPerUnit.second))
        simulation.runToEnd()
        guard case .object(let members) = simulation.summary() else { Issue.record("the summary is an object"); return }
        for (name, value) in members {
            if let section = SummaryKey.Section(rawValue: name), section != .totals {
                guard case .object(let entries) = value else { Issue.record("\(name) is an object"); continue }
                for (entry, fields) in entries {
                    guard case .object(let keys) = fields else { continue }
                    for (key, _) in keys {
                        let dotted = "\(name).\(entry).\(key)"
                        #expect(SummaryKey.named(key, in: section) != nil, "\(dotted) is not in the catalogue")
                        #expect(SummaryKeys.key(dotted, in: scenario) != nil, "[expect] refuses \(dotted)")
                    }
                }
                continue
            }
            let key = try #require(SummaryKey.named(name, in: .totals), "\(name) is not in the catalogue")
            #expect((SummaryKeys.key(name, in: scenario) != nil) == (key.kind != .identity), "\(name) is checkable unless it identifies the run")
        }
    }

    @Test func aCatalogueKeyTheSummaryDoesNotHaveIsRefusedByExpectationsAndTriggers() throws {
        let scenario = try ScenarioLoader.resolve("retries")
        #expect(SummaryKeys.key("no_such_total", in: scenario) == nil)
        #expect(SummaryKeys.key("queues.no-such-queue.acked", in: scenario) == nil, "an entry the scenario has not")
        #expect(SummaryKeys.key("queues.tasks.no_such_key", in: scenario) == nil)
        #expect(SummaryKeys.key("queues.tasks.final_depth", in: scenario)?.kind == .lesson)
        #expect(SummaryKeys.key("trace_digest", in: scenario) == nil, "the digest is written, never compared")
        #expect(throws: TriggerError.self) { try Trigger.parse("no_such_total > 1", isKnown: { SummaryKeys.key($0, in: scenario) != nil }) }
    }

    @Test func shortNamesAndExplanationsComeFromTheCatalogue() throws {
        let scenario = try ScenarioLoader.resolve("retries")
        for key in SummaryKey.all {
            if let short = key.shortName {
                let trigger = try Trigger.parse("\(short) > 1", isKnown: { SummaryKeys.key($0, in: scenario) != nil })
                #expect(trigger.clauses.first?.key == key.name, "\(short) stands for \(key.name)")
            }
            if let explanation = key.explanation {
                #expect(Explanations.explain(key.name)?.key == explanation, "\(key.name) is explained as \(explanation)")
            }
        }
    }
}
