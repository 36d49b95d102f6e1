import Broker
import SluiceModel

/// The run's summary: the contract of `sluice run --format json` (see `SummaryKeys`).
extension Simulation {
    /// Seconds of simulated time the statistics cover (after the warm-up).
    var windowSeconds: Double { windowOpen ? Double(max(0, now - windowStart)) / 1e9 : 0 }

    /// Builds the summary as of now; checks queue conservation once more first.
    public func summary() -> JSONValue {
        if violation == nil { checkQueueConservation() }
        let snapshot = broker.snapshot()
        // Dead-letter queues hold copies of messages and records counted already (as dead-lettered):
        // those of queues, and those stream consumers park records in.
        let streamDeadLetters = Set(consumers.compactMap { $0.isStream ? $0.spec.deadLetter : nil })
        let sourceQueues = snapshot.queues.filter { !$0.isDeadLetterQueue && !streamDeadLetters.contains($0.name) }
        let groups = snapshot.groups
        let queueTotals = Self.sum(sourceQueues.map(\.counters))
        let groupTotals = Self.sum(groups.map(\.counters))
        let streamConsumers = consumers.indices.filter { consumers[$0].isStream }
        // Each group's records, each in one state; the top level sums the groups (one per reader of a stream).
        var streams = StreamTally()
        for index in streamConsumers { if let tally = streamTally(consumer: index, snapshot: snapshot) { streams.add(tally) } }
        let finalLag = groups.reduce(Int64(0)) { $0 + $1.totalLag }
        // Read, never sampled here: a summary built between ticks (the dashboard's checks) must not move a maximum.
        let maxLag = max(maxTotalLag, windowOpen ? currentTotalLag : 0)
        let attempts = attemptsPerMessage(sourceQueues.map(\.attemptsHistogram))

        var totals: [(String, JSONValue)] = [
            ("seed", .uint(seed)),
            ("sim_time_s", .number(Double(now) / 1e9)),
            ("events", .int(eventCount)),
            ("offered", .int(producers.reduce(external.offered) { $0 + $1.offered }
                + patterns.reduce(0) { $0 + $1.produced + $1.deduplicated + $1.rejected })),
            ("produced", .int(totalProduced)),
            ("delivered", .int(queueTotals.delivered + groupTotals.delivered)),
            ("acked", .int(queueTotals.acked + streams.acked)),
            ("redelivered", .int(queueTotals.redelivered + groupTotals.redelivered)),
            // A drop-oldest overflow into a DLQ counts once here, as dropped (the queue's own keys count it as both).
            ("dead_lettered", .int(queueTotals.deadLettered - queueTotals.droppedToDeadLetter + streams.deadLettered)),
            ("rejected", .int(producers.reduce(external.rejected) { $0 + $1.rejected } + patterns.reduce(0) { $0 + $1.rejected })),
            ("dropped", .int(queueTotals.dropped + streams.dropped)),
            ("in_flight", .int(sourceQueues.reduce(0) { $0 + Int64($1.inFlight) } + streams.inFlight)),
            ("waiting", .int(sourceQueues.reduce(0) { $0 + Int64($1.waiting + $1.delayed) } + streams.waiting)),
            ("lost", .int(streamConsumers.reduce(0) { $0 + lostRecords(consumer: $1) })),
            ("duplicates_delivered", .int(consumers.reduce(0) { $0 + $1.duplicatesDelivered })),
            ("duplicate_effects", .int(consumers.reduce(0) { $0 + $1.duplicateEffects })),
            // Streams (where one stops the run) and queues (where competing consumers may reorder a key).
            ("order_violations", .int(consumers.reduce(0) { $0 + $1.orderViolations }
                + queues.ids.reduce(0) { $0 + queues.measures(of: $1).violations })),
            ("max_lag", .int(maxLag)),
            ("final_lag", .int(finalLag)),
            ("blocked", .int(producers.reduce(0) { $0 + Int64($1.blocked.count) })),
            ("attempts_per_message", attempts.map { .number($0) } ?? .null),
            ("breaker_rejected", .int(downstreams.all.reduce(0) { $0 + ($1.breaker?.rejectedCalls ?? 0) })),
            ("invariant_violation", violation.map { .string($0.description) } ?? .null),
            ("trace_digest", .string(String(traceDigest, radix: 16))),
        ]
        totals += lessonTotals(snapshot)
        totals.append(("queues", .object(snapshot.queues.compactMap { queueSummary($0) })))
        totals.append(("groups", .object(streamConsumers.compactMap { groupSummary(consumer: $0, snapshot: snapshot) })))
        let patternSummaries = patternSummary()
        if !patternSummaries.isEmpty { totals.append(("patterns", .object(patternSummaries))) }
        totals += lessonObjects()
        return .object(totals)
    }

    private func queueSummary(_ queue: QueueSnapshot) -> (String, JSONValue)? {
        guard let id = queueID(named: queue.name) else { return nil }
        let stats = queues[id]
        let window = windowSeconds
        let counters = queue.counters
        // Little's law over the window, as an identity: the area under the number held equals the time
        // every message spent inside the window, counting those still held at the end.
        let held = stats.queue.messages(limit: Int.max)
        let presentResidence = held.reduce(Int64(0)) { $0 + now - max($1.enqueuedAt, windowStart) }
        let windowNanos = Double(max(1, now - windowStart))
        let settled = counters.acked + counters.deadLettered
        return (queue.name, .object([
            ("mean_wait_s", .number(stats.waits.mean)),
            ("mean_sojourn_s", .number(stats.sojourns.mean)),
            ("mean_queue_length", .number(stats.waiting.mean(until: now))),
            ("mean_in_system", .number(stats.inSystem.mean(until: now))),
            ("utilization", .number(stats.utilization(until: now))),
            ("throughput_per_s", .number(window > 0 ? Double(stats.ackedInWindow) / window : 0)),
            ("offered", .int(stats.offered)),
            ("rejected", .int(counters.rejected)),
            ("dead_lettered", .int(counters.deadLettered)),
            ("acked", .int(counters.acked)),
            ("delivered", .int(counters.delivered)),
            ("redelivered", .int(counters.redelivered)),
            ("dropped", .int(counters.dropped)),
            ("attempts_per_message", attemptsPerMessage([queue.attemptsHistogram]).map { .number($0) } ?? .null),
            ("dead_letter_share", .number(settled > 0 ? Double(counters.deadLettered) / Double(settled) : 0)),
            ("littles_law_l", .number(windowOpen ? Double(stats.heldArea.area(until: now)) / windowNanos : 0)),
            ("littles_law_lambda_w", .number(windowOpen ? Double(stats.departedResidence + presentResidence) / windowNanos : 0)),
        ] + lessonQueueEntries(queue)))
    }

    private func groupSummary(consumer index: Int, snapshot: BrokerSnapshot) -> (String, JSONValue)? {
        guard case .stream(let group, _) = consumers[index].source, let state = snapshot.group(id: group.id) else { return nil }
        let window = windowSeconds
        let consumer = consumers[index]
        let tally = streamTally(consumer: index, snapshot: snapshot) ?? StreamTally()
        return (group.id.description, .object([
            ("max_lag", .int(max(consumer.maxLag, windowOpen ? state.totalLag : 0))),
            ("final_lag", .int(state.totalLag)),
            ("throughput_per_s", .number(window > 0 ? Double(consumer.processedInWindow) / window : 0)),
            ("processed", .int(consumer.processed)),
            ("committed", .int(state.counters.acked)),
            ("duplicates_delivered", .int(consumer.duplicatesDelivered)),
            ("duplicate_effects", .int(consumer.duplicateEffects)),
            ("lost", .int(lostRecords(consumer: index))),
            // Each record once: produced = acked + dead_lettered + in_flight + waiting + dropped.
            ("produced", .int(tally.produced)),
            ("acked", .int(tally.acked)),
            ("dead_lettered", .int(tally.deadLettered)),
            ("in_flight", .int(tally.inFlight)),
            ("waiting", .int(tally.waiting)),
            ("dropped", .int(tally.dropped)),
        ] + lessonGroupEntries(consumer: index, group: state)))
    }

    /// Lost records of a stream consumer over all partitions.
    func lostRecords(consumer index: Int) -> Int64 {
        guard case .stream(let group, let topic) = consumers[index].source else { return 0 }
        return (0..<topic.partitionCount).reduce(0) { $0 + lostRecords(consumer: index, partition: $1, group: group, topic: topic) }
    }

    private static func sum(_ all: [Counters]) -> Counters {
        var total = Counters()
        for counters in all { total.add(counters) }
        return total
    }

    /// Mean deliveries per settled message, from attempt histograms (index i counts i+1 deliveries).
    private func attemptsPerMessage(_ histograms: [[Int64]]) -> Double? {
        var messages: Int64 = 0, deliveries: Int64 = 0
        for histogram in histograms {
            for (index, count) in histogram.enumerated() {
                messages += count
                deliveries += count * Int64(index + 1)
            }
        }
        return messages > 0 ? Double(deliveries) / Double(messages) : nil
    }
}
