import Broker
import SluiceModel

extension Simulation {
    /// One line of `--format ndjson`: the state at the end of a simulated second, cheap to build.
    public func progressLine() -> JSONValue {
        var lags: [(String, JSONValue)] = []
        for consumer in consumers {
            if case .stream(let group, _) = consumer.source { lags.append((group.id.description, .int(group.totalLag))) }
        }
        let depths = queues.all.map { ($0.name, JSONValue.int(Int64($0.queue.depth))) }
        return .object([
            ("t", .number(Double(now) / 1e9)),
            ("produced_per_s", .number(series.produced.elements.last ?? 0)),
            ("consumed_per_s", .number(series.consumed.elements.last ?? 0)),
            ("failures_per_s", .number(series.retries.elements.last ?? 0)),
            ("lag", .object(lags)),
            ("queue_depth", .object(depths)),
            ("breakers", .object(downstreams.all.map { ($0.spec.name, JSONValue.string(($0.breaker?.state ?? .closed).rawValue)) })),
        ])
    }
}
