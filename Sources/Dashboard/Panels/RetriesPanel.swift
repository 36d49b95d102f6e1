import SluiceModel

/// Retry rate over time, the attempts histogram, dead-letter queue depth over time and the
/// latest dead-letter reasons.
enum RetriesPanel {
    /// From this width the charts and the details sit side by side, else one above the other.
    static let sideBySideWidth = 64
    /// Dead-letter reasons the panel asks room for (it shows more when it has the rows).
    static let reasonsWanted = 3

    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let snapshot = context.snapshot
        let deadLetterQueues = snapshot.queues.filter { $0.isDeadLetterQueue }
        let buckets = attemptBuckets(snapshot.queues)
        let reasons = latestDeadLetters(snapshot.queues)
        let charts: Rect, details: Rect
        if area.width >= sideBySideWidth {
            let halves = area.columns([.fill(2), .length(1), .fill(3)])
            (charts, details) = (halves[0], halves[2])
        } else {
            // Charts above the details: a row each at least, up to three each when the details leave room.
            let detailsWanted = (buckets.isEmpty ? 0 : buckets.count + 1) + 1 + min(8, reasons.count)
            let minimum = 1 + deadLetterQueues.count
            let chartHeight = min(area.height, max(minimum, min(3 * minimum, area.height - detailsWanted)))
            (charts, details) = (Rect(x: area.x, y: area.y, width: area.width, height: chartHeight),
                                 Rect(x: area.x, y: area.y + chartHeight, width: area.width, height: area.height - chartHeight))
        }
        // The retry chart takes half the chart area; the DLQ charts share the rest.
        let retryRows = deadLetterQueues.isEmpty ? charts.height : max(1, charts.height / 2)
        let retries = snapshot.throughput.retriesPerSecond
        ThroughputPanel.chart(label: "retries", value: Format.rate(retries.last ?? 0), series: retries,
                              ceiling: retries.samples.max() ?? 0, role: .warn,
                              rect: Rect(x: charts.x, y: charts.y, width: charts.width, height: min(retryRows, charts.height)),
                              context, into: &buffer)
        let dlqRows = deadLetterQueues.isEmpty ? 0 : max(1, (charts.height - retryRows) / deadLetterQueues.count)
        for (index, dlq) in deadLetterQueues.enumerated() {
            let y = charts.y + retryRows + index * dlqRows
            guard y < charts.maxY else { break }
            ThroughputPanel.chart(label: "DLQ " + UntrustedText.escape(dlq.name), value: Format.count(Int64(dlq.depth)),
                                  series: dlq.depthHistory, ceiling: dlq.depthHistory.samples.max() ?? 0, role: .error,
                                  rect: Rect(x: charts.x, y: y, width: charts.width, height: min(dlqRows, charts.maxY - y)),
                                  context, into: &buffer)
        }
        guard !details.isEmpty else { return }
        // Every delivery row before any reason (the last row counts the dead letters); with too few
        // rows the tail folds into `N+` rather than drop out of sight.
        var histogramRows = buckets.isEmpty ? 0 : min(details.height, buckets.count + 1)
        if histogramRows > 0, histogramRows < 3 {
            // No room for bars: the counts on one line.
            var spans = [Span("deliveries", .muted)]
            for bucket in buckets { spans += [Span(" " + bucket.label + ":", .muted), Span(Format.count(bucket.value), .plain)] }
            Line(spans).render(x: details.x, y: details.y, maxWidth: details.width, into: &buffer)
            histogramRows = 1
        } else if histogramRows > 0 {
            buffer.put("deliveries per message", x: details.x, y: details.y, style: .muted, maxWidth: details.width)
            let histogram = Histogram(buckets: attemptBuckets(snapshot.queues, rows: histogramRows - 1), glyphs: context.glyphs)
            histogram.render(Rect(x: details.x, y: details.y + 1, width: details.width, height: histogramRows - 1), into: &buffer)
        }
        let reasonArea = Rect(x: details.x, y: details.y + histogramRows, width: details.width, height: details.height - histogramRows)
        guard !reasonArea.isEmpty else { return }
        buffer.put(reasons.isEmpty ? "no dead letters yet" : "latest dead letters", x: reasonArea.x, y: reasonArea.y,
                   style: .muted, maxWidth: reasonArea.width)
        for (row, letter) in reasons.prefix(reasonArea.height - 1).enumerated() {
            Line([Span(Format.clock(letter.at) + " ", .muted),
                  Span(UntrustedText.escape(letter.messageId) + " ", .accent),
                  Span("x\(letter.deliveryCount) ", .warn),
                  Span(UntrustedText.escape(letter.reason), .error)])
                .render(x: reasonArea.x, y: reasonArea.y + 1 + row, maxWidth: reasonArea.width, into: &buffer)
        }
    }

    /// Messages finished after 1, 2, ... deliveries, summed over queues, in at most `rows` rows: the
    /// tail folded into `N+`.
    static func attemptBuckets(_ queues: [QueueSnapshot], rows shown: Int = 6) -> [(label: String, value: Int64)] {
        var totals: [Int64] = []
        for queue in queues {
            for (index, count) in queue.attemptsHistogram.enumerated() {
                if totals.count <= index { totals.append(0) }
                totals[index] += count
            }
        }
        guard shown > 0 else { return [] }
        guard totals.count > shown else { return totals.enumerated().map { ("\($0.offset + 1)", $0.element) } }
        return totals.prefix(shown - 1).enumerated().map { ("\($0.offset + 1)", $0.element) }
            + [("\(shown)+", totals.dropFirst(shown - 1).reduce(0, +))]
    }

    /// The newest dead letters across queues, newest first. A queue and its DLQ may both report the
    /// same letter, so each shows once.
    static func latestDeadLetters(_ queues: [QueueSnapshot]) -> [DeadLetterInfo] {
        var seen: Set<DeadLetterKey> = []
        return queues.flatMap(\.recentDeadLetters)
            .filter { seen.insert(DeadLetterKey(source: $0.source, messageId: $0.messageId, at: $0.at)).inserted }
            .sorted { $0.at > $1.at }
    }

    struct DeadLetterKey: Hashable {
        var source: String
        var messageId: String
        var at: Nanos
    }
}
