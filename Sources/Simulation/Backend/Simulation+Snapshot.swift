import Broker
public import SluiceModel

extension Simulation {
    /// Consumer instances as the dashboard lists them (removed ones left out).
    public func instanceSnapshots() -> [InstanceSnapshot] {
        instances.filter(\.exists).map { instance in
            InstanceSnapshot(id: instance.id, consumer: consumers[instance.consumer].spec.name,
                             source: consumers[instance.consumer].sourceName, state: instance.snapshotState,
                             busy: instance.busy, concurrency: instance.slots.count, processed: instance.processed,
                             failed: instance.failed, processedPerSecond: Double(instance.processedLastSecond))
        }
    }

    /// Every downstream, with its breaker (closed when it has none) and whether it is up.
    public func breakerSnapshots() -> [BreakerSnapshot] { downstreams.map(\.snapshot) }

    /// Produced, consumed and failed work per simulated second.
    public func throughputSnapshot() -> ThroughputSnapshot {
        let produced = series.produced.elements, consumed = series.consumed.elements
        return ThroughputSnapshot(producedPerSecond: produced.last ?? 0, consumedPerSecond: consumed.last ?? 0,
                                  produced: Series(produced), consumed: Series(consumed),
                                  retriesPerSecond: Series(series.retries.elements))
    }

    /// The broker's groups, with what the simulation knows of their members added: error rate, and
    /// how many records a member may hold uncommitted (its buffer plus the records in progress).
    func enrich(_ groups: [GroupSnapshot]) -> [GroupSnapshot] {
        groups.map { group in
            var group = group
            for index in group.members.indices {
                guard let instance = instanceIndex(named: group.members[index].id) else { continue }
                let spec = consumers[instances[instance].consumer].spec
                group.members[index].errorRate = instances[instance].errorRate
                group.members[index].maxInFlight = Self.streamBufferLimit(spec) + spec.concurrency
            }
            return group
        }
    }
}
