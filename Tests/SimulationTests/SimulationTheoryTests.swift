import Testing
import SluiceModel
@testable import Simulation

/// The broker-driven simulation against queueing theory and against the engine's station model.
@Suite struct SimulationTheoryTests {
    private func run(_ name: String, duration: Nanos? = nil) throws -> (Simulation, RunSummary) {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve(name), options: .init(duration: duration))
        simulation.runToEnd()
        return (simulation, simulation.summary())
    }

    private func number(_ summary: RunSummary, _ path: SummaryPath) -> Double {
        summary.number(at: path) ?? .nan
    }

    /// The broker-driven M/M/1 draws the same numbers in the same order as the station model, so every
    /// wait is the same: the station model's long-run agreement with theory carries over.
    @Test func brokerDrivenMM1IsTheStationModelDrawForDraw() throws {
        let (simulation, summary) = try run("mm1")
        let scenario = simulation.scenario
        let station = StationModel.markovian(lambda: 3, mu: 5, warmup: scenario.warmup)
            .run(until: scenario.duration, seed: scenario.seed)
        #expect(station.customers > 15_000)
        #expect(number(summary, .queue("jobs", .meanWait)) == station.meanWait)
        #expect(number(summary, .queue("jobs", .meanSojourn)) == station.meanSojourn)
        #expect(abs(number(summary, .queue("jobs", .meanQueueLength)) - station.meanQueueLength) < 1e-9)
        #expect(abs(number(summary, .queue("jobs", .meanInSystem)) - station.meanInSystem) < 1e-9)
        #expect(abs(number(summary, .queue("jobs", .utilization)) - station.utilization) < 1e-9)
        // On its own, this shorter run is still near theory (Wq 0.3 s, W 0.5 s, Lq 0.9).
        #expect(abs(number(summary, .queue("jobs", .meanWait)) / 0.3 - 1) < 0.1)
        #expect(abs(number(summary, .queue("jobs", .meanSojourn)) / 0.5 - 1) < 0.1)
        #expect(abs(number(summary, .queue("jobs", .meanQueueLength)) / 0.9 - 1) < 0.1)
    }

    @Test func brokerDrivenMMcIsTheStationModelDrawForDraw() throws {
        let (simulation, summary) = try run("mmc", duration: 10 * 60 * NanosPerUnit.second)
        let station = StationModel.markovian(lambda: 90, mu: 10, servers: 10, warmup: simulation.scenario.warmup)
            .run(until: 10 * 60 * NanosPerUnit.second, seed: simulation.seed)
        #expect(station.customers > 40_000)
        #expect(abs(number(summary, .queue("jobs", .meanWait)) - station.meanWait) < 1e-12)
        #expect(abs(number(summary, .queue("jobs", .meanSojourn)) - station.meanSojourn) < 1e-12)
        #expect(abs(number(summary, .queue("jobs", .utilization)) - station.utilization) < 1e-9)
    }

    /// Failure 0.2, five deliveries at most: E[attempts] = (1 - 0.2^5) / 0.8 = 1.2496; dead-letter share 0.2^5.
    @Test func retriesMatchTheGeometricLaw() throws {
        let (_, summary) = try run("retries", duration: 25 * 60 * NanosPerUnit.second)
        let acked = number(summary, .queue("tasks", .acked))
        let deadLettered = number(summary, .queue("tasks", .deadLettered))
        let messages = acked + deadLettered
        #expect(messages > 25_000)
        // Attempts per message have a standard deviation of about 0.56: allow four standard errors.
        let attempts = number(summary, .queue("tasks", .attemptsPerMessage))
        #expect(abs(attempts - 1.2496) < 4 * 0.56 / messages.squareRoot(), "attempts \(attempts)")
        // Dead letters are binomial(messages, 0.00032): allow four standard deviations.
        let expected = messages * 0.00032
        #expect(abs(deadLettered - expected) < 4 * expected.squareRoot(), "dead-lettered \(deadLettered) of \(messages)")
    }

    @Test func littlesLawHoldsExactlyOnEveryBuiltinRun() throws {
        for name in BuiltinScenarios.names {
            let scenario = try ScenarioLoader.resolve(name)
            let duration = min(scenario.duration, scenario.warmup + 60 * NanosPerUnit.second)
            let (_, summary) = try run(name, duration: duration)
            for queue in summary.queues {
                let l = queue.fields[.littlesLawL]?.number ?? .nan
                let lambdaW = queue.fields[.littlesLawLambdaW]?.number ?? .nan
                #expect(abs(l - lambdaW) <= 1e-9 * max(1, l), "\(name) \(queue.name): L \(l) vs lambda W \(lambdaW)")
            }
        }
    }
}
