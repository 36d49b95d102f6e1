import Simulation

/// Simulation workloads.
extension BenchWorkload {
    /// M/M/1 (lambda 3, mu 5) on the simulation engine: simulated customers per second.
    static let simMM1 = BenchWorkload(name: "sim-mm1") {
        let customers = 20_000_000
        var simulated = 0
        let seconds = measureSeconds {
            simulated = MM1Benchmark.simulate(customers: customers).customers
        }
        return BenchResult(ops: simulated, seconds: seconds)
    }
}
