import Broker
import SluiceModel

extension Simulation {
    /// The state at the end of a simulated second, for `--format ndjson`.
    public func progressLine() -> ProgressLine {
        var lags: [(group: GroupID, lag: Int64)] = []
        for consumer in consumers.all {
            if case .stream(let group, _) = consumer.source { lags.append((group.id, group.totalLag)) }
        }
        return ProgressLine(
            time: now,
            producedPerSecond: series.produced.elements.last ?? 0,
            consumedPerSecond: series.consumed.elements.last ?? 0,
            failuresPerSecond: series.retries.elements.last ?? 0,
            lag: lags,
            queueDepth: queues.all.map { ($0.name, $0.queue.depth) },
            breakers: downstreams.all.map { ($0.spec.name, $0.breaker?.state ?? .closed) })
    }
}
