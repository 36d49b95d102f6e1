import Testing
import SluiceModel
@testable import Simulation

/// The fast station model against queueing theory on long seeded runs.
@Suite struct StationTheoryTests {
    @Test func mm1MatchesTheory() {
        // lambda 3, mu 5: rho 0.6, Wq = rho / (mu - lambda) = 0.3 s, W = 1 / (mu - lambda) = 0.5 s, Lq = 0.9.
        let stats = StationModel.markovian(lambda: 3, mu: 5, warmup: 1_000 * NanosPerUnit.second)
            .run(customers: 1_500_000, seed: 7)
        #expect(abs(stats.meanWait / 0.3 - 1) < 0.03, "Wq \(stats.meanWait)")
        #expect(abs(stats.meanSojourn / 0.5 - 1) < 0.03, "W \(stats.meanSojourn)")
        #expect(abs(stats.meanQueueLength / 0.9 - 1) < 0.03, "Lq \(stats.meanQueueLength)")
        #expect(abs(stats.utilization / 0.6 - 1) < 0.02, "rho \(stats.utilization)")
        // Little's law: L = lambda W.
        #expect(abs(stats.meanInSystem / (stats.throughput * stats.meanSojourn) - 1) < 0.01)
    }

    @Test func mmcMatchesErlangC() {
        // lambda 90, mu 10, c 10: Erlang C gives Wq = 66.9 ms.
        let stats = StationModel.markovian(lambda: 90, mu: 10, servers: 10, warmup: 100 * NanosPerUnit.second)
            .run(customers: 1_500_000, seed: 11)
        let erlangWait = ErlangC.meanWait(lambda: 90, mu: 10, servers: 10)
        #expect(abs(erlangWait - 0.0669) < 0.0001)
        #expect(abs(stats.meanWait / erlangWait - 1) < 0.05, "Wq \(stats.meanWait)")
        #expect(abs(stats.meanInSystem / (stats.throughput * stats.meanSojourn) - 1) < 0.01)
    }

    @Test func theBenchmarkSimulatesExactlyTheCustomersAskedFor() {
        let stats = MM1Benchmark.simulate(customers: 1_000)
        #expect(stats.customers == 1_000)
        #expect(stats.departures == 1_000)
    }

    @Test func sameSeedSameNumbers() {
        let model = StationModel.markovian(lambda: 3, mu: 5)
        let a = model.run(customers: 10_000, seed: 3), b = model.run(customers: 10_000, seed: 3)
        #expect(a.meanWait == b.meanWait && a.events == b.events)
        #expect(model.run(customers: 10_000, seed: 4).meanWait != a.meanWait)
    }
}
