import SluiceModel

/// Consumer groups and queue consumers with their members: state, assigned partitions,
/// processed/s, error rate, and in-flight against max in-flight (backpressure) as a gauge.
enum GroupsPanel {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let items = context.items(.groups)
        let nothing = context.snapshot.groups.isEmpty && context.snapshot.instances.isEmpty
        if context.noteIfEmpty(items, nothingThere: nothing, "no consumers", area, into: &buffer) { return }
        // Narrow panels drop the partitions column first, then the error rate, and show in-flight as a number.
        let narrow = area.width < 60, tiny = area.width < 44
        var columns = [Column("member", .fill(3)), Column("state", .length(8))]
        if !narrow { columns.append(Column("partitions", .fill(2))) }
        columns.append(Column("done/s", .length(7), alignRight: true))
        if !tiny { columns.append(Column("errors", .length(6), alignRight: true)) }
        columns.append(tiny ? Column("in fl", .length(6), alignRight: true) : Column("in flight / max", .fill(3)))
        let rows = items.lazy.map { row($0, context, narrow: narrow, tiny: tiny) }
        Table(columns: columns, rows: rows, selected: context.selected(.groups, count: items.count), glyphs: context.glyphs)
            .render(area, into: &buffer)
    }

    static func row(_ item: PanelItem, _ context: ViewContext, narrow: Bool, tiny: Bool) -> TableRow {
        let snapshot = context.snapshot
        let targets = Targets(state: context.state, snapshot: snapshot)
        switch item {
        case .group(let id):
            if let group = snapshot.groups.first(where: { $0.id == id }) { return groupHeading(group, context, targets) }
            let queue = snapshot.queues.first { $0.name == id }
            var facts = ["queue", Format.rate(queue?.ackedPerSecond ?? 0) + " acked"]
            if targets.groupPaused(id) { facts.append("PAUSED") }
            return TableRow(spanning: Line([Span(UntrustedText.escape(id), Style(.title, attributes: .bold)),
                                            Span("  " + facts.joined(separator: " · "), .muted)]))
        case .member(let groupId, let memberId):
            let instance = snapshot.instances.first { $0.id == memberId }
            let state = targets.instanceState(memberId, group: groupId)
            let name = TableCell.text("  " + UntrustedText.escape(memberId), state == .crashed ? .muted : .plain)
            let stateCell = TableCell.text(state.rawValue, ViewContext.style(for: state))
            let usage: MemberUsage
            if let group = snapshot.groups.first(where: { $0.id == groupId }) {
                usage = MemberUsage(group.members.first { $0.id == memberId }, instance)
            } else {
                let queueConsumer = snapshot.queues.first { $0.name == groupId }?.consumers.first { $0.id == memberId }
                usage = MemberUsage(queueConsumer, instance)
            }
            var cells = [name, stateCell]
            if !narrow { cells.append(.muted(usage.assigned)) }
            let gauge = usage.limit.map { Gauge(value: Double(usage.inFlight), limit: Double($0),
                                               label: "\(usage.inFlight)/\($0)", glyphs: context.glyphs) }
            let inFlight = "\(usage.inFlight)" + (usage.limit.map { "/\($0)" } ?? "")
            cells.append(.plain(Format.number(usage.perSecond)))
            if !tiny {
                cells.append(.text(Format.percent(usage.errorRate),
                                   usage.errorRate > 0.05 ? .error : usage.errorRate > 0 ? .warn : .muted))
            }
            if tiny || gauge == nil {
                cells.append(.text(inFlight, Style(Gauge.role(for: gauge?.fraction ?? 0))))
            } else if let gauge {
                cells.append(.draw { buffer, rect in gauge.render(rect, into: &buffer) })
            }
            return TableRow(cells)
        default:
            return TableRow([])
        }
    }

    static func groupHeading(_ group: GroupSnapshot, _ context: ViewContext, _ targets: Targets) -> TableRow {
        let trend = LagTrend(group.lagHistory, lag: group.totalLag)
        var spans = [
            Span(UntrustedText.escape(group.id), Style(.title, attributes: .bold)),
            Span("  gen \(group.generation) · " + UntrustedText.escape(group.strategy) + " · "
                 + Format.rate(group.consumedPerSecond) + " · lag " + Format.count(group.totalLag) + " ", .muted),
            Span(String(trend.symbol(context.glyphs)), trend.style),
        ]
        if targets.groupPaused(group.id) { spans.append(Span("  PAUSED", Style(.warn, attributes: .bold))) }
        return TableRow(spanning: Line(spans))
    }
}

/// What a member row shows, from a stream member or a queue consumer and its instance.
struct MemberUsage {
    var assigned = "-"
    var perSecond = 0.0
    var errorRate = 0.0
    var inFlight = 0
    var limit: Int?

    init(_ member: MemberSnapshot?, _ instance: InstanceSnapshot?) {
        self.init(instance)
        guard let member else { return }
        assigned = member.assigned.isEmpty ? "-" : member.assigned.map { "p\($0)" }.joined(separator: ",")
        perSecond = member.processedPerSecond
        errorRate = member.errorRate
        inFlight = member.inFlight
        limit = member.maxInFlight ?? limit
    }

    init(_ consumer: QueueConsumerSnapshot?, _ instance: InstanceSnapshot?) {
        self.init(instance)
        guard let consumer else { return }
        inFlight = consumer.inFlight
        limit = consumer.maxInFlight ?? limit
    }

    private init(_ instance: InstanceSnapshot?) {
        guard let instance else { return }
        perSecond = instance.processedPerSecond
        let attempts = instance.processed + instance.failed
        errorRate = attempts > 0 ? Double(instance.failed) / Double(attempts) : 0
        inFlight = instance.busy
        limit = instance.concurrency
    }
}
