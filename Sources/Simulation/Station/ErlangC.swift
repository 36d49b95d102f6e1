/// Queueing-theory formulas the simulation is checked against and lessons explain with.
public enum ErlangC {
    /// The probability that an arrival waits in M/M/c (Erlang's C formula).
    public static func probabilityOfWaiting(lambda: Double, mu: Double, servers: Int) -> Double {
        let load = lambda / mu
        let rho = load / Double(servers)
        guard rho < 1 else { return 1 }
        var term = 1.0
        var sum = 1.0
        for k in 1..<max(servers, 1) {
            term *= load / Double(k)
            sum += term
        }
        let last = term * load / Double(servers) / (1 - rho)
        return last / (sum + last)
    }

    /// The mean wait before service in M/M/c, seconds.
    public static func meanWait(lambda: Double, mu: Double, servers: Int) -> Double {
        probabilityOfWaiting(lambda: lambda, mu: mu, servers: servers) / (Double(servers) * mu - lambda)
    }
}
