import Broker
import SluiceModel

/// The summary entries lessons added (`SummaryKey`'s lesson keys).
extension Simulation {
    /// Extra totals.
    func addLessonTotals(_ snapshot: BrokerSnapshot, to totals: inout SummaryFields<SummaryKey.Total>) {
        totals[.idleMembers] = .int(Int64(snapshot.groups.reduce(0) { $0 + Self.idleMembers($1) }))
    }

    /// Extra keys of one queue's entry.
    func addLessonEntries(_ queue: QueueSnapshot, to fields: inout SummaryFields<SummaryKey.Queue>) {
        let measures = queueID(named: queue.name).map(queues.measures(of:)) ?? QueueMeasures()
        fields[.orderViolations] = .int(measures.violations)
        fields[.finalDepth] = .int(Int64(queue.depth))
        fields[.peakRedeliveredPerSecond] = .int(measures.redeliveries.peak)
    }

    /// Extra keys of one stream consumer's group entry.
    func addLessonEntries(stream id: StreamConsumerID, group: GroupSnapshot, to fields: inout SummaryFields<SummaryKey.Group>) {
        let measures = consumers[id].measures
        fields[.meanWait] = .number(measures.waits.mean)
        fields[.idleMembers] = .int(Int64(Self.idleMembers(group)))
        fields[.orderViolations] = .int(consumers[id].orderViolations)
        fields[.peakLagTime] = .number(orNull: measures.lag.peakTime.map { Double($0) / 1e9 })
        fields[.drainTime] = .number(orNull: measures.lag.drainTime)
        fields[.stalledPartitions] = .int(Int64(measures.stalledPartitions(lags: group.partitions.map(\.lag), at: now)))
        fields[.uncommittedAtCrash] = .int(measures.uncommittedAtCrash)
        fields[.unprocessedAtCrash] = .int(measures.unprocessedAtCrash)
    }

    /// The sections lessons add: `downstreams`, and for patterns `connectors` (CDC) and `read_models`
    /// (event sourcing).
    func addLessonEntries(to summary: inout RunSummary) {
        summary.downstreams = downstreams.ids.map(downstreamSummary)
        summary.connectors = patterns.ids.compactMap(connectorSummary)
        summary.readModels = patterns.ids.compactMap(readModelSummary)
    }

    /// A CDC pattern's connector entry; nil for other patterns.
    func connectorSummary(_ pattern: PatternID) -> SummaryEntry<SummaryKey.Connector>? {
        guard patterns[pattern].spec.kind == .cdc else { return nil }
        var fields = SummaryFields<SummaryKey.Connector>()
        fields[.resent] = .int(patterns[pattern].resent)
        fields[.tombstones] = .int(tombstones(pattern: pattern))
        return SummaryEntry(patterns[pattern].spec.name, fields)
    }

    /// An event-sourcing pattern's read-model entry, once a lesson deployed one; nil otherwise.
    func readModelSummary(_ pattern: PatternID) -> SummaryEntry<SummaryKey.ReadModel>? {
        guard patterns[pattern].spec.kind == .eventSourcing, let model = patterns[pattern].readModel else { return nil }
        let wrong = wrongAccounts(pattern: pattern, projection: model)
        var fields = SummaryFields<SummaryKey.ReadModel>()
        fields[.version] = .int(Int64(model.version))
        fields[.matchesTruth] = .int(wrong == 0 ? 1 : 0)
        fields[.wrongAccounts] = .int(Int64(wrong))
        fields[.wrongBeforeRedeploy] = .int(Int64(model.wrongBeforeRedeploy))
        fields[.applied] = .int(model.applied)
        return SummaryEntry(patterns[pattern].spec.name, fields)
    }

    /// One downstream's entry: its calls and its breaker's transitions.
    func downstreamSummary(_ id: DownstreamID) -> SummaryEntry<SummaryKey.Downstream> {
        let measures = downstreams.measures(of: id)
        let breaker = downstreams[id].breaker
        var fields = SummaryFields<SummaryKey.Downstream>()
        fields[.calls] = .int(downstreams[id].calls)
        fields[.failedCalls] = .int(downstreams[id].failedCalls)
        fields[.peakCallsPerSecond] = .int(measures.calls.peak)
        fields[.peakSecond] = .int(measures.calls.peakSecond)
        fields[.breakerOpened] = .int(measures.opened)
        fields[.breakerHalfOpened] = .int(measures.halfOpened)
        fields[.breakerClosed] = .int(measures.closed)
        fields[.callsWhileOpen] = .int(measures.callsWhileOpen)
        fields[.breakerRejected] = .int(breaker?.rejectedCalls ?? 0)
        fields[.breakerIsClosed] = .int((breaker?.state ?? .closed) == .closed ? 1 : 0)
        return SummaryEntry(downstreams[id].spec.name, fields)
    }

    /// Members of a group with no partition: more members than partitions leaves some idle.
    static func idleMembers(_ group: GroupSnapshot) -> Int { group.members.filter(\.assigned.isEmpty).count }
}
