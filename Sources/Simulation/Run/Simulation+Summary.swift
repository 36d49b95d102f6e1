import Broker
import SluiceModel

/// The run's summary: the contract of `sluice run --format json` (see `SummaryKey`).
extension Simulation {
    /// Seconds of simulated time the statistics cover (after the warm-up).
    var windowSeconds: Double { window.seconds(until: now) }

    /// Builds the summary as of now; checks queue conservation once more first.
    public func summary() -> RunSummary {
        if violation == nil { checkQueueConservation() }
        let snapshot = broker.snapshot()
        var summary = RunSummary()
        summary.totals = summaryTotals(snapshot)
        summary.queues = snapshot.queues.compactMap { queueSummary($0) }
        summary.groups = consumers.streamIDs.compactMap { groupSummary(stream: $0, in: snapshot) }
        summary.patterns = patterns.ids.map(patternSummary)
        addLessonEntries(to: &summary)
        return summary
    }

    /// The top-level numbers of the summary.
    func summaryTotals(_ snapshot: BrokerSnapshot) -> SummaryFields<SummaryKey.Total> {
        // Dead-letter queues hold copies of messages and records counted already (as dead-lettered):
        // those of queues, and those stream consumers park records in.
        let streamDeadLetters = Set(consumers.allStreams.compactMap { consumers[$0.consumer].spec.deadLetter })
        let sourceQueues = snapshot.queues.filter { !$0.isDeadLetterQueue && !streamDeadLetters.contains($0.name) }
        let groups = snapshot.groups
        let queueTotals = Self.sum(sourceQueues.map(\.counters))
        let groupTotals = Self.sum(groups.map(\.counters))
        let streamIDs = consumers.streamIDs
        // Each group's records, each in one state; the top level sums the groups (one per reader of a stream).
        var streams = StreamTally()
        for id in streamIDs { if let tally = streamTally(stream: id, in: snapshot) { streams.add(tally) } }
        // Read, never sampled here: a summary built between ticks (the dashboard's checks) must not move a maximum.
        let maxLag = max(window.maxTotalLag, window.isOpen ? currentTotalLag : 0)

        var totals = SummaryFields<SummaryKey.Total>()
        totals[.seed] = .uint(seed)
        totals[.simTime] = .number(Double(now) / 1e9)
        totals[.events] = .int(eventCount)
        totals[.offered] = .int(producers.all.reduce(external.offered) { $0 + $1.offered }
            + patterns.all.reduce(0) { $0 + $1.produced + $1.deduplicated + $1.rejected })
        totals[.produced] = .int(totalProduced)
        totals[.delivered] = .int(queueTotals.delivered + groupTotals.delivered)
        totals[.acked] = .int(queueTotals.acked + streams.acked)
        totals[.redelivered] = .int(queueTotals.redelivered + groupTotals.redelivered)
        // A drop-oldest overflow into a DLQ counts once here, as dropped (the queue's own keys count it as both).
        totals[.deadLettered] = .int(queueTotals.deadLettered - queueTotals.droppedToDeadLetter + streams.deadLettered)
        totals[.rejected] = .int(producers.all.reduce(external.rejected) { $0 + $1.rejected } + patterns.all.reduce(0) { $0 + $1.rejected })
        totals[.dropped] = .int(queueTotals.dropped + streams.dropped)
        totals[.inFlight] = .int(sourceQueues.reduce(0) { $0 + Int64($1.inFlight) } + streams.inFlight)
        totals[.waiting] = .int(sourceQueues.reduce(0) { $0 + Int64($1.waiting + $1.delayed) } + streams.waiting)
        totals[.lost] = .int(streamIDs.reduce(0) { $0 + lostRecords(stream: $1) })
        totals[.duplicatesDelivered] = .int(consumers.all.reduce(0) { $0 + $1.duplicatesDelivered })
        totals[.duplicateEffects] = .int(consumers.all.reduce(0) { $0 + $1.duplicateEffects })
        // Streams (where one stops the run) and queues (where competing consumers may reorder a key).
        totals[.orderViolations] = .int(consumers.allStreams.reduce(0) { $0 + $1.orderViolations }
            + queues.ids.reduce(0) { $0 + queues.measures(of: $1).violations })
        totals[.maxLag] = .int(maxLag)
        totals[.finalLag] = .int(groups.reduce(Int64(0)) { $0 + $1.totalLag })
        totals[.blocked] = .int(producers.all.reduce(0) { $0 + Int64($1.blocked.count) })
        totals[.attemptsPerMessage] = .number(orNull: attemptsPerMessage(sourceQueues.map(\.attemptsHistogram)))
        totals[.breakerRejected] = .int(downstreams.all.reduce(0) { $0 + ($1.breaker?.rejectedCalls ?? 0) })
        totals[.invariantViolation] = violation.map { .text($0.description) } ?? .null
        totals[.traceDigest] = .text(String(traceDigest, radix: 16))
        addLessonTotals(snapshot, to: &totals)
        return totals
    }

    /// One queue's entry.
    func queueSummary(_ queue: QueueSnapshot) -> SummaryEntry<SummaryKey.Queue>? {
        guard let id = queueID(named: queue.name) else { return nil }
        let stats = queues[id]
        let seconds = windowSeconds
        let counters = queue.counters
        // Little's law over the window, as an identity: the area under the number held equals the time
        // every message spent inside the window, counting those still held at the end (a sum the queue
        // keeps, so a lesson trigger on a queue key reads no message).
        let presentResidence = window.isOpen ? stats.queue.heldResidence(since: window.start, until: now) : 0
        let windowNanos = Double(max(1, now - window.start))
        let settled = counters.acked + counters.deadLettered
        var fields = SummaryFields<SummaryKey.Queue>()
        fields[.meanWait] = .number(stats.waits.mean)
        fields[.meanSojourn] = .number(stats.sojourns.mean)
        fields[.meanQueueLength] = .number(stats.waiting.mean(until: now))
        fields[.meanInSystem] = .number(stats.inSystem.mean(until: now))
        fields[.utilization] = .number(stats.utilization(until: now))
        fields[.throughput] = .number(seconds > 0 ? Double(stats.ackedInWindow) / seconds : 0)
        fields[.offered] = .int(stats.offered)
        fields[.rejected] = .int(counters.rejected)
        fields[.deadLettered] = .int(counters.deadLettered)
        fields[.acked] = .int(counters.acked)
        fields[.delivered] = .int(counters.delivered)
        fields[.redelivered] = .int(counters.redelivered)
        fields[.dropped] = .int(counters.dropped)
        fields[.attemptsPerMessage] = .number(orNull: attemptsPerMessage([queue.attemptsHistogram]))
        fields[.deadLetterShare] = .number(settled > 0 ? Double(counters.deadLettered) / Double(settled) : 0)
        fields[.littlesLawL] = .number(window.isOpen ? Double(stats.heldArea.area(until: now)) / windowNanos : 0)
        fields[.littlesLawLambdaW] = .number(window.isOpen ? Double(stats.departedResidence + presentResidence) / windowNanos : 0)
        addLessonEntries(queue, to: &fields)
        return SummaryEntry(queue.name, fields)
    }

    private func groupSummary(stream id: StreamConsumerID, in snapshot: BrokerSnapshot) -> SummaryEntry<SummaryKey.Group>? {
        let group = consumers[id].group
        guard let state = snapshot.group(id: group.id) else { return nil }
        return groupSummary(stream: id, group: state, logStarts: snapshot.topic(group.topic.name)?.partitions.map(\.logStartOffset) ?? [])
    }

    /// One stream consumer's entry, from its group as the broker shows it and its partitions' log starts.
    func groupSummary(stream id: StreamConsumerID, group state: GroupSnapshot, logStarts: [Int64]) -> SummaryEntry<SummaryKey.Group> {
        let seconds = windowSeconds
        let stream = consumers[id]
        let consumer = consumers[stream.consumer]
        let tally = streamTally(stream: id, group: state, logStarts: logStarts)
        var fields = SummaryFields<SummaryKey.Group>()
        fields[.maxLag] = .int(max(stream.maxLag, window.isOpen ? state.totalLag : 0))
        fields[.finalLag] = .int(state.totalLag)
        fields[.throughput] = .number(seconds > 0 ? Double(consumer.processedInWindow) / seconds : 0)
        fields[.processed] = .int(consumer.processed)
        fields[.committed] = .int(state.counters.acked)
        fields[.duplicatesDelivered] = .int(consumer.duplicatesDelivered)
        fields[.duplicateEffects] = .int(consumer.duplicateEffects)
        fields[.lost] = .int(lostRecords(stream: id))
        // Each record once: produced = acked + dead_lettered + in_flight + waiting + dropped.
        fields[.produced] = .int(tally.produced)
        fields[.acked] = .int(tally.acked)
        fields[.deadLettered] = .int(tally.deadLettered)
        fields[.inFlight] = .int(tally.inFlight)
        fields[.waiting] = .int(tally.waiting)
        fields[.dropped] = .int(tally.dropped)
        addLessonEntries(stream: id, group: state, to: &fields)
        return SummaryEntry(consumer.sourceName, fields)
    }

    /// Lost records of a stream consumer over all partitions.
    func lostRecords(stream id: StreamConsumerID) -> Int64 {
        (0..<consumers[id].topic.partitionCount).reduce(0) { $0 + lostRecords(stream: id, partition: $1) }
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
