import Simulation

/// `sim-scale`: the same load per partition and per instance at 10, 100 and 1000 of them, so that
/// what grows with the size of the system shows as falling events per second.
extension BenchWorkload {
    static let sizes = [10, 100, 1000]

    static let simScale = BenchWorkload(name: "sim-scale") {
        var extra: [(key: String, value: Double)] = []
        var total = 0
        var totalTiming = Timing(seconds: 0, cpuSeconds: 0)
        var perCPUSecond: [Int: Double] = [:]
        for size in sizes {
            guard let scenario = try? ScenarioLoader.parse(scaleScenario(size: size), file: "sim-scale-\(size)"),
                  let simulation = try? Simulation(scenario: scenario) else { return .nothing }
            let timing = measure { simulation.runToEnd() }
            guard simulation.violation == nil, simulation.limitReached == nil else { return .nothing }
            let events = Int(simulation.eventCount)
            total += events
            totalTiming.seconds += timing.seconds
            totalTiming.cpuSeconds += timing.cpuSeconds
            perCPUSecond[size] = Double(events) / max(timing.cpuSeconds, 1e-9)
            extra += [("events_\(size)", Double(events)), ("events_per_cpu_s_\(size)", perCPUSecond[size]!.rounded())]
        }
        // Above 1 means the large system runs slower per event; the target is at most 2.
        extra.append(("slowdown_1000_vs_10", perCPUSecond[10]! / perCPUSecond[1000]!))
        return BenchResult(ops: total, timing: totalTiming, extra: extra)
    }

    /// `size` partitions read by `size` instances, and a queue worked by `size` instances: 50 records
    /// a second per partition and 50 messages a second per queue instance, for 5000/size simulated
    /// seconds, so each size does about the same work in all.
    static func scaleScenario(size: Int) -> String {
        let seconds = 5000 / size
        return """
        [scenario]
        name = "sim-scale-\(size)"
        seed = 1
        duration = "\(seconds)s"

        [[stream]]
        name = "events"
        partitions = \(size)

        [[producer]]
        name = "emitter"
        target = "events"
        rate = \(50 * size).0

        [[consumer]]
        name = "reader"
        source = "events"
        group = "readers"
        instances = \(size)
        concurrency = 1
        service = { distribution = "exponential", mean = "5ms" }

        [[queue]]
        name = "jobs"
        ack_deadline = "30s"

        [[producer]]
        name = "submitter"
        target = "jobs"
        rate = \(50 * size).0

        [[consumer]]
        name = "worker"
        source = "jobs"
        instances = \(size)
        concurrency = 2
        service = { distribution = "exponential", mean = "10ms" }
        """
    }
}
