/// The `sim-mm1` benchmark workload: the M/M/1 station (lambda 3, mu 5) on the simulation engine.
public enum MM1Benchmark {
    public static let lambda = 3.0
    public static let mu = 5.0

    /// Simulates `customers` customers through M/M/1 and returns how many were simulated
    /// (the caller times the call: the simulation never reads the wall clock).
    @discardableResult
    public static func simulate(customers: Int, seed: UInt64 = 1) -> StationStatistics {
        StationModel.markovian(lambda: lambda, mu: mu).run(customers: customers, seed: seed)
    }
}
