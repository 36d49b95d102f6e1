import SluiceModel
import Testing
@testable import Simulation

/// A built-in scenario or lesson holds for any seed a person might type, not only for the one in its file.
///
/// `swift test` runs seeds 1 to 3 of every built-in light enough for a debug build (at most 12,000
/// offered messages: 22 of 32, about 25 s of CPU); `scripts/seed-sweep` runs seeds 1 to 20 of all
/// of them through the binary (each of them held for all 20 when this was written).
@Suite struct SeedRobustnessTests {
    static let seeds: ClosedRange<UInt64> = 1...3
    static let heaviestOffered = 12_000.0

    static let light: [String] = (BuiltinScenarios.names + BuiltinLessons.names).filter { name in
        guard let scenario = try? ScenarioLoader.resolve(name) else { return true }
        return scenario.offeredBound(over: scenario.duration) <= heaviestOffered
    }

    @Test func mostBuiltinsAreLightEnoughToSweepHere() {
        #expect(Self.light.count >= 20, "\(Self.light)")
    }

    @Test(arguments: light)
    func expectationsHoldForEverySeed(name: String) throws {
        let scenario = try ScenarioLoader.resolve(name)
        for seed in Self.seeds {
            var problems: [String] = []
            let outcome = try HeadlessRun.run(scenario, options: .init(seed: seed), format: .json, output: { _ in },
                                              problems: { problems.append($0) })
            #expect(outcome.exitCode == 0, "\(name) --seed \(seed): \(problems)")
        }
    }
}
