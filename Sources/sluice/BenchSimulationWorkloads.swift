import Simulation

/// Simulation workloads.
extension BenchWorkload {
    /// M/M/1 (lambda 3, mu 5) on the simulation engine: simulated customers per second, on one core.
    static let simMM1 = BenchWorkload(name: "sim-mm1") {
        var simulated = 0
        let timing = measure { simulated = MM1Benchmark.simulate(customers: 20_000_000).customers }
        return BenchResult(ops: simulated, timing: timing)
    }
}
