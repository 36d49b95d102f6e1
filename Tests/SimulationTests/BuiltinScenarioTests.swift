import Foundation
import Testing
import SluiceModel
@testable import Simulation

@Suite struct BuiltinScenarioTests {
    /// Scenarios/ next to Package.swift, found from this file's path.
    private static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    @Test func embeddedTextsEqualTheScenarioFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == BuiltinScenarios.names.sorted(),
                "name every scenario file in Scenarios/EmbeddedScenarios.swift")
        for file in files {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(BuiltinScenarios.text(named: String(file.dropLast(5))) == text,
                    "\(file) differs from what the binary carries")
        }
    }

    @Test func everyBuiltinIsValidAndNamedAfterItsFile() throws {
        for name in BuiltinScenarios.names {
            let scenario = try ScenarioLoader.resolve(name)
            #expect(scenario.name == name)
            #expect(!scenario.description.isEmpty)
        }
        #expect(BuiltinScenarios.names.first == "demo")
    }

    /// Short scenarios run to their end; their expectations must hold and no invariant may break.
    @Test(arguments: ["poison-pill", "at-least-once", "at-most-once", "circuit-breaker", "backpressure", "hot-partition"])
    func shortBuiltinsMeetTheirExpectations(name: String) throws {
        let scenario = try ScenarioLoader.resolve(name)
        var lines: [String] = []
        let outcome = try HeadlessRun.run(scenario, options: .init(), format: .json, output: { _ in }, problems: { lines.append($0) })
        #expect(outcome.exitCode == 0, "\(lines)")
    }

    @Test func theDemoShowsItsSignalsWithinAMinute() throws {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve("demo"), options: .init(duration: 60 * NanosPerUnit.second))
        simulation.runToEnd()
        let summary = simulation.summary()
        #expect((summary.number(at: .group("orders/billing", .finalLag)) ?? 0) > 100, "a slow billing instance builds lag")
        #expect((summary.number(at: .total(.redelivered)) ?? 0) > 0, "the email outage causes retries")
        #expect((summary.number(at: .total(.deadLettered)) ?? 0) > 0, "poison orders are parked")
        #expect((summary.number(at: .total(.breakerRejected)) ?? 0) > 0, "the breaker opens during the outage")
        #expect(simulation.violation == nil)
    }
}
