import SluiceModel
import Testing
@testable import Simulation

/// A lesson trigger reads single summary numbers through `SummaryProbe`, which builds only the part of
/// the summary a key lies in: every number it reads is the one the whole summary gives at that moment.
@Suite struct SummaryProbeTests {
    /// Every key of every entry the summary has, as `[expect]` and triggers name them.
    private static func keys(of summary: RunSummary) -> [SummaryPath] {
        func paths<Key: SummaryField>(_ entries: [SummaryEntry<Key>], _ path: (String, Key) -> SummaryPath) -> [SummaryPath] {
            entries.flatMap { entry in Key.allCases.map { path(entry.name, $0) } }
        }
        return SummaryKey.Total.allCases.map(SummaryPath.total) + paths(summary.queues, SummaryPath.queue)
            + paths(summary.groups, SummaryPath.group) + paths(summary.patterns, SummaryPath.pattern)
            + paths(summary.downstreams, SummaryPath.downstream) + paths(summary.connectors, SummaryPath.connector)
            + paths(summary.readModels, SummaryPath.readModel)
    }

    /// Runs a scenario in slices and compares, at the end of each slice, every number a probe reads with the
    /// whole summary's; answers how many numbers were compared.
    private func compare(_ name: String, seconds: [Int64]) throws -> Int {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve(name))
        var compared = 0
        for second in seconds {
            simulation.run(until: second * NanosPerUnit.second)
            var probe = SummaryProbe(simulation)
            let read = Self.keys(of: simulation.summary()).map { ($0, probe.value($0)) }
            let summary = simulation.summary()
            for (key, value) in read {
                let whole = summary.number(at: key)
                #expect(value == whole, "\(name) at \(second) s: \(key) read \(String(describing: value)), the summary has \(String(describing: whole))")
                if whole != nil { compared += 1 }
            }
        }
        #expect(simulation.violation == nil)
        return compared
    }

    @Test(arguments: ["circuit-breaker-outage", "change-data-capture", "event-sourcing-replay", "outbox-vs-dual-write",
                      "saga-compensation", "commit-and-crash", "bounded-queues", "per-key-order", "platforms"])
    func everyNumberAProbeReadsIsTheWholeSummarys(name: String) throws {
        let compared = try compare(name, seconds: [5, 35, 50])
        #expect(compared > 40, "\(name): too few numbers to compare (\(compared))")
    }

    @Test func aQueueNamedAfterAnotherQueueAndADotIsReadAsItself() throws {
        // The demo has `emails` and `emails.dlq`, and `orders.parked` beside the stream `orders`.
        let compared = try compare("demo", seconds: [30, 120])
        #expect(compared > 100)
    }

    @Test func aKeyTheSummaryDoesNotHaveReadsNothing() throws {
        let simulation = try Simulation(scenario: ScenarioLoader.resolve("demo"))
        simulation.run(until: 10 * NanosPerUnit.second)
        var probe = SummaryProbe(simulation)
        #expect(probe.value(.queue("nowhere", .finalDepth)) == nil)
        #expect(probe.value(.group("orders/nobody", .finalLag)) == nil)
        #expect(probe.value(.pattern("none", .crashes)) == nil)
        #expect(probe.value(.queue("emails", .finalDepth)) != nil)
        #expect(probe.value(.group("orders/billing", .finalLag)) != nil)
    }
}
