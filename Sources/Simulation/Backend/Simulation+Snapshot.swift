import Broker
public import SluiceModel

extension Simulation {
    /// Consumer instances as the dashboard lists them (removed ones left out).
    public func instanceSnapshots() -> [InstanceSnapshot] {
        consumers.allInstances.filter(\.exists).map { instance in
            InstanceSnapshot(id: instance.name, consumer: consumers[instance.consumer].spec.name,
                             source: consumers[instance.consumer].consumerSource, state: snapshotState(of: instance),
                             busy: instance.busy, concurrency: instance.slots.count, processed: instance.processed,
                             failed: instance.failed, processedPerSecond: instance.recent.perSecond,
                             errorRate: instance.recent.errorRate)
        }
    }

    /// Idle means a running stream member that owns no partition (more members than partitions);
    /// a member between records is still running.
    private func snapshotState(of instance: InstanceState) -> InstanceSnapshot.State {
        // A paused consumer takes no work, whatever its instances were doing.
        if instance.snapshotState == .running && consumers[instance.consumer].paused { return .paused }
        let state = instance.snapshotState
        // A snapshot only reads, so it must not stop the run: a member the group does not know keeps its own state.
        guard state == .running, case .stream(let group, _) = consumers[instance.consumer].source,
              let owned = try? group.assignment(of: instance.name) else { return state }
        return owned.isEmpty ? .idle : .running
    }

    /// A record failing this many attempts in a row holds its partition up: a single retry is routine.
    static let stuckAfterAttempts = 3

    /// The record an instance retries in place (the most attempts, if it retries several), if any.
    func stuckRecord(of instance: InstanceID) -> StuckRecord? {
        // Only a stream consumer retries a record in place; a queue hands a failed message back.
        guard case .stream(let group, _) = consumers[consumers[instance].consumer].source else { return nil }
        let topic = group.topic.name
        let worst = consumers[instance].slots.compactMap { $0 }
            .filter { $0.delivery == nil && $0.attempt >= Self.stuckAfterAttempts }
            .max { $0.attempt < $1.attempt }
        guard let worst else { return nil }
        return StuckRecord(partition: PartitionRef(topic: topic, partition: worst.partition), offset: worst.offset,
                           attempt: worst.attempt, lastError: worst.lastError)
    }

    /// Producers and pattern services, with the rate they run at now: what a rate spike names.
    public func producerSnapshots() -> [ProducerSnapshot] {
        producers.all.map {
            ProducerSnapshot(name: $0.spec.name, target: $0.target.name, ratePerSecond: $0.rate, rateMultiplier: $0.multiplier)
        } + patterns.all.map {
            ProducerSnapshot(name: $0.spec.name, target: $0.spec.target, ratePerSecond: $0.rate, rateMultiplier: $0.multiplier)
        }
    }

    /// Downstream services and whether each is up: what an outage toggles.
    public func downstreamSnapshots() -> [DownstreamSnapshot] {
        downstreams.all.map { DownstreamSnapshot(name: $0.spec.name, up: $0.isUp) }
    }

    /// Every downstream, with its breaker (closed when it has none) and whether it is up.
    public func breakerSnapshots() -> [BreakerSnapshot] { downstreams.all.map(\.snapshot) }

    /// Produced, consumed and failed work per simulated second.
    public func throughputSnapshot() -> ThroughputSnapshot {
        let produced = series.produced.elements, consumed = series.consumed.elements
        return ThroughputSnapshot(producedPerSecond: produced.last ?? 0, consumedPerSecond: consumed.last ?? 0,
                                  produced: Series(produced), consumed: Series(consumed),
                                  retriesPerSecond: Series(series.retries.elements))
    }

    /// The broker's groups, with what the simulation knows of their members added: rate and error
    /// share over the last `RateWindow.seconds`, and
    /// in flight as the records an instance holds (polled and waiting, or in progress) against the most
    /// it may hold (its buffer plus its concurrency). The broker's own count, handed out but not yet
    /// committed, is not bounded by that (auto-commit lets it grow) and stays readable from the
    /// group's positions and committed offsets.
    func enrich(_ groups: [GroupSnapshot]) -> [GroupSnapshot] {
        groups.map { group in
            var group = group
            for index in group.members.indices {
                guard let instance = consumers.instance(named: group.members[index].id),
                      let stream = consumers[consumers[instance].consumer].source.stream else { continue }
                let spec = consumers[consumers[instance].consumer].spec
                group.members[index].processedPerSecond = consumers[instance].recent.perSecond
                group.members[index].errorRate = consumers[instance].recent.errorRate
                group.members[index].inFlight = consumers[instance, of: stream].bufferedRecords + consumers[instance].busy
                group.members[index].maxInFlight = Self.streamBufferLimit(spec) + spec.concurrency
                group.members[index].stuck = stuckRecord(of: instance)
            }
            if let stream = consumers.stream(group: group.id) { group.counters.skipped = consumers[stream].skipped }
            // The group's rate is its members' rates added up, over the same window.
            group.consumedPerSecond = group.members.reduce(0) { $0 + $1.processedPerSecond }
            return group
        }
    }
}
