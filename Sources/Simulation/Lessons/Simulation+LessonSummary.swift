import Broker
import SluiceModel

/// The summary entries lessons added (`SummaryKey`'s lesson keys).
extension Simulation {
    /// Extra totals.
    func lessonTotals(_ snapshot: BrokerSnapshot) -> [(String, JSONValue)] {
        let idle = snapshot.groups.reduce(0) { $0 + Self.idleMembers($1) }
        return [("idle_members", .int(Int64(idle)))]
    }

    /// Extra keys of one queue's entry.
    func lessonQueueEntries(_ queue: QueueSnapshot) -> [(String, JSONValue)] {
        let measures = queueID(named: queue.name).map(queues.measures(of:)) ?? QueueMeasures()
        return [("order_violations", .int(measures.violations)), ("final_depth", .int(Int64(queue.depth))),
                ("peak_redelivered_per_s", .int(measures.redeliveries.peak))]
    }

    /// Extra keys of one stream consumer's group entry.
    func lessonGroupEntries(consumer id: ConsumerID, group: GroupSnapshot) -> [(String, JSONValue)] {
        let measures = consumers[id].measures
        let lags = group.partitions.map(\.lag)
        return [
            ("mean_wait_s", .number(measures.waits.mean)),
            ("idle_members", .int(Int64(Self.idleMembers(group)))),
            ("order_violations", .int(consumers[id].orderViolations)),
            ("peak_lag_time_s", measures.lag.peakTime.map { .number(Double($0) / 1e9) } ?? .null),
            ("drain_time_s", measures.lag.drainTime.map { .number($0) } ?? .null),
            ("stalled_partitions", .int(Int64(measures.stalledPartitions(lags: lags, at: now)))),
            ("uncommitted_at_crash", .int(measures.uncommittedAtCrash)),
            ("unprocessed_at_crash", .int(measures.unprocessedAtCrash)),
        ]
    }

    /// The objects lessons add: `downstreams`, and for patterns `connectors` (CDC) and `read_models`
    /// (event sourcing).
    func lessonObjects() -> [(String, JSONValue)] {
        let downstreamEntries = downstreams.ids.map(downstreamSummary)
        let connectors = patterns.ids.compactMap(connectorSummary)
        let readModels = patterns.ids.compactMap(readModelSummary)
        return (downstreamEntries.isEmpty ? [] : [("downstreams", .object(downstreamEntries))])
            + (connectors.isEmpty ? [] : [("connectors", .object(connectors))])
            + (readModels.isEmpty ? [] : [("read_models", .object(readModels))])
    }

    /// A CDC pattern's connector entry; nil for other patterns.
    func connectorSummary(_ pattern: PatternID) -> (String, JSONValue)? {
        guard patterns[pattern].spec.kind == .cdc else { return nil }
        return (patterns[pattern].spec.name, .object([("resent", .int(patterns[pattern].resent)),
                                                       ("tombstones", .int(tombstones(pattern: pattern)))]))
    }

    /// An event-sourcing pattern's read-model entry, once a lesson deployed one; nil otherwise.
    func readModelSummary(_ pattern: PatternID) -> (String, JSONValue)? {
        guard patterns[pattern].spec.kind == .eventSourcing, let model = patterns[pattern].readModel else { return nil }
        let wrong = wrongAccounts(pattern: pattern, projection: model)
        return (patterns[pattern].spec.name, .object([
            ("version", .int(Int64(model.version))), ("matches_truth", .int(wrong == 0 ? 1 : 0)),
            ("wrong_accounts", .int(Int64(wrong))), ("wrong_before_redeploy", .int(Int64(model.wrongBeforeRedeploy))),
            ("applied", .int(model.applied)),
        ]))
    }

    /// One downstream's entry: its calls and its breaker's transitions.
    func downstreamSummary(_ id: DownstreamID) -> (String, JSONValue) {
        let measures = downstreams.measures(of: id)
        let breaker = downstreams[id].breaker
        return (downstreams[id].spec.name, .object([
            ("calls", .int(downstreams[id].calls)),
            ("failed_calls", .int(downstreams[id].failedCalls)),
            ("peak_calls_per_s", .int(measures.calls.peak)),
            ("peak_second", .int(measures.calls.peakSecond)),
            ("breaker_opened", .int(measures.opened)),
            ("breaker_half_opened", .int(measures.halfOpened)),
            ("breaker_closed", .int(measures.closed)),
            ("calls_while_open", .int(measures.callsWhileOpen)),
            ("breaker_rejected", .int(breaker?.rejectedCalls ?? 0)),
            ("breaker_is_closed", .int((breaker?.state ?? .closed) == .closed ? 1 : 0)),
        ]))
    }

    /// Members of a group with no partition: more members than partitions leaves some idle.
    static func idleMembers(_ group: GroupSnapshot) -> Int { group.members.filter(\.assigned.isEmpty).count }
}
