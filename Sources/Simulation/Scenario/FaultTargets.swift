/// Which names each fault action may target, and the check that a fault's target exists.
struct FaultTargets {
    let scenario: Scenario

    func check(_ fault: FaultSpec, reader: TableReader) throws(ScenarioError) {
        let consumers = scenario.consumers.map(\.name)
        switch fault.action {
        case .resume where !consumers.contains(fault.target) && scenario.downstreams.contains(where: { $0.name == fault.target }):
            break  // ends an open-ended outage of that downstream
        case .pause, .resume, .crash, .restart:
            let parts = fault.target.split(separator: "/", omittingEmptySubsequences: false)
            let consumerName = String(parts[0])
            guard let consumer = scenario.consumers.first(where: { $0.name == consumerName }), parts.count <= 2 else {
                let resumable = fault.action == .resume ? ", a downstream" : ""
                throw reader.error("target", "expected a consumer (\(ScenarioSchema.list(consumers)))\(resumable) or one instance like \"\(consumers.first ?? "billing")/1\", got \"\(fault.target)\"")
            }
            if parts.count == 2 {
                let highest = max(consumer.instances, scaledMaximum(of: consumerName))
                guard let number = Int(parts[1]), number >= 1, number <= highest else {
                    throw reader.error("target", "expected an instance from \(consumerName)/1 to \(consumerName)/\(highest), got \"\(fault.target)\"")
                }
            }
        case .scale:
            guard consumers.contains(fault.target) else {
                throw reader.error("target", "expected a consumer (\(ScenarioSchema.list(consumers))), got \"\(fault.target)\"")
            }
        case .outage:
            let names = scenario.downstreams.map(\.name)
            guard names.contains(fault.target) else {
                throw reader.error("target", "expected a downstream (\(ScenarioSchema.list(names))), got \"\(fault.target)\"")
            }
        case .rate:
            let names = scenario.producers.map(\.name) + scenario.patterns.map(\.name)
            guard names.contains(fault.target) else {
                throw reader.error("target", "expected a producer (\(ScenarioSchema.list(names))), got \"\(fault.target)\"")
            }
        case .poison:
            let names = scenario.producers.map(\.name) + scenario.streams.map(\.name) + scenario.queues.map(\.name)
            guard names.contains(fault.target) else {
                throw reader.error("target", "expected a producer, stream or queue (\(ScenarioSchema.list(names))), got \"\(fault.target)\"")
            }
        }
    }

    /// The largest instance count scale faults (read so far) give a consumer.
    private func scaledMaximum(of consumer: String) -> Int {
        scenario.faults.filter { $0.action == .scale && $0.target == consumer }.compactMap { $0.value.map(Int.init) }.max() ?? 0
    }
}
