import SluiceModel

/// Consumer groups and queue consumers with their members: state (idle: owns no partition),
/// assigned partitions, processed/s, error rate, and in-flight against max in-flight (backpressure)
/// as a gauge that says so when a backend reports more than its maximum.
enum GroupsPanel {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let items = context.items(.groups)
        let nothing = context.snapshot.groups.isEmpty && context.snapshot.instances.isEmpty
        if context.noteIfEmpty(items, nothingThere: nothing, "no consumers", area, into: &buffer) { return }
        // Only the rows that show are built, and the columns sized to them: a cluster with thousands of
        // members costs what fits on the screen.
        let selected = context.selected(.groups, count: items.count)
        let visible = max(0, area.height - 1)
        let first = Table.firstVisibleRow(selected: selected, count: items.count, visible: visible)
        let shown = first..<min(items.count, first + visible)
        let rows = shown.map { row(items[$0], context) }
        let layout = Layout(rows: rows, width: area.width)
        Table(columns: layout.columns, rowCount: items.count, selected: selected, glyphs: context.glyphs) { index in
            shown.contains(index) ? layout.tableRow(rows[index - first], context) : TableRow([])
        }
            .render(area, into: &buffer)
    }

    /// Columns sized to what the rows hold; narrow panels drop the partitions column first, then the
    /// error rate, and show in-flight as a number instead of a gauge.
    struct Layout {
        static let stateWidth = 7, rateWidth = 6, errorWidth = 6, gaugeMinimum = 12, numberMinimum = 5
        static let assignedMaximum = 18
        var memberWidth: Int
        var assignedWidth: Int
        var showAssigned = true
        var showErrors = true
        var showGauge = true

        init(rows: [MemberRow?], width: Int) {
            let members = rows.compactMap { $0 }
            memberWidth = min(28, max(8, members.map { CharacterWidth.of($0.name) + 2 }.max() ?? 0))
            assignedWidth = min(Self.assignedMaximum, max(10, members.map { CharacterWidth.of($0.usage.assigned) }.max() ?? 0))
            if width - fixedWidth < Self.gaugeMinimum { showAssigned = false }
            if width - fixedWidth < Self.gaugeMinimum { showErrors = false }
            showGauge = width - fixedWidth >= Self.gaugeMinimum
            // A number like `12/16` needs five columns; the member column gives them up last.
            if width - fixedWidth < Self.numberMinimum { memberWidth = max(8, memberWidth - (Self.numberMinimum - (width - fixedWidth))) }
        }

        /// Columns and gaps before the in-flight column.
        var fixedWidth: Int {
            memberWidth + 1 + Self.stateWidth + 1 + (showAssigned ? assignedWidth + 1 : 0) + Self.rateWidth + 1
                + (showErrors ? Self.errorWidth + 1 : 0)
        }

        var columns: [Column] {
            var columns = [Column("member", .length(memberWidth)), Column("state", .length(Self.stateWidth))]
            if showAssigned { columns.append(Column("partitions", .length(assignedWidth))) }
            // Both read over the same recent window, which the headers name.
            columns.append(Column("/s " + RateWindow.label, .length(Self.rateWidth), alignRight: true))
            if showErrors { columns.append(Column("err " + RateWindow.label, .length(Self.errorWidth), alignRight: true)) }
            columns.append(showGauge ? Column("in flight/max", .fill(1)) : Column("in fl", .fill(1), alignRight: true))
            return columns
        }

        func tableRow(_ row: MemberRow?, _ context: ViewContext) -> TableRow {
            guard let row else { return TableRow([]) }
            if let heading = row.heading { return TableRow(spanning: heading) }
            let usage = row.usage
            var cells: [TableCell] = [.text("  " + Format.abbreviate(row.name, to: memberWidth - 2), row.state == .crashed ? .muted : .plain)]
            // A member retrying one record in place says so, and where: everything behind it waits.
            if usage.stuck != nil, row.state == .running {
                cells.append(.text("stuck", .error))
            } else {
                cells.append(.text(row.state.rawValue, ViewContext.style(for: row.state)))
            }
            if showAssigned { cells.append(usage.stuck == nil ? .muted(usage.assigned) : .text(usage.assigned, .error)) }
            cells.append(.plain(Format.number(usage.perSecond)))
            if showErrors {
                cells.append(.text(Format.percent(usage.errorRate),
                                   usage.errorRate > 0.05 ? .error : usage.errorRate > 0 ? .warn : .muted))
            }
            let gauge = usage.limit.map { Gauge(value: Double(usage.inFlight), limit: Double($0),
                                               label: "\(usage.inFlight)/\($0)", glyphs: context.glyphs) }
            if let sharing = usage.sharedBy {
                // The engine's figure is the channel's: no gauge against this consumer's own limit.
                cells.append(.text("\(usage.inFlight) shared ×\(sharing)", .muted))
            } else if showGauge, let gauge {
                cells.append(.draw { buffer, rect in gauge.render(rect, into: &buffer) })
            } else {
                let text = "\(usage.inFlight)" + (usage.limit.map { "/\($0)" } ?? "") + (gauge?.isOver == true ? " over" : "")
                cells.append(.text(text, gauge.map(\.labelStyle) ?? .plain))
            }
            return TableRow(cells)
        }
    }

    /// What one row of the panel shows: a group heading, or a member with its state and usage.
    struct MemberRow {
        var heading: Line?
        var name = ""
        var state = InstanceSnapshot.State.running
        var usage = MemberUsage(nil as MemberSnapshot?, nil)
    }

    static func row(_ item: PanelItem, _ context: ViewContext) -> MemberRow? {
        let snapshot = context.snapshot
        let targets = Targets(state: context.state, snapshot: snapshot)
        switch item {
        case .group(.group(let id)):
            guard let group = context.group(id) else { return nil }
            return MemberRow(heading: groupHeading(group, context, targets))
        case .group(.queue(let name)):
            let done = snapshot.queueDoneRate(name)
            var spans = [Span(UntrustedText.escape(name), Style(.title, attributes: .bold), fit: .shrink(keeping: nameKept)),
                         Span("  queue · " + Format.rate(done) + " done", .muted)]
            if targets.groupPaused(.queue(name)) { spans.append(Span("  PAUSED", Style(.warn, attributes: .bold))) }
            return MemberRow(heading: Line(spans))
        case .member(let source, let memberId):
            // Searched from the row before: a cluster has hundreds of instances and members.
            let instance = context.instance(memberId)
            let usage: MemberUsage
            let group = source.group.flatMap(context.group)
            let member = group.flatMap { context.member(memberId, of: $0) }
            if let group {
                usage = MemberUsage(member, instance, severalTopics: group.subscriptions.count > 1,
                                    assignedShownUpTo: Layout.assignedMaximum)
            } else {
                let queueConsumer = source.queue.flatMap(snapshot.queue)?.consumers.first { $0.id == memberId }
                usage = MemberUsage(queueConsumer, instance)
            }
            // A real Kafka client shows where it connects from; its member id already starts with its client id.
            let host = member?.clientHost
            return MemberRow(name: UntrustedText.escape(memberId) + (host.map { " " + UntrustedText.escape($0) } ?? ""),
                             state: targets.memberState(instance: instance, member: member, inStreamGroup: group != nil),
                             usage: usage)
        default:
            return nil
        }
    }

    /// Columns of a group's name a narrow row still shows.
    static let nameKept = 12

    static func groupHeading(_ group: GroupSnapshot, _ context: ViewContext, _ targets: Targets) -> Line {
        let lag = group.totalLag
        let trend = LagTrend(group.lagHistory, lag: lag)
        // The lag and the PAUSED tag first and whole; on a narrow row the generation and strategy at
        // the end give way first, then the end of the name (its stream before the group), then the rate.
        var spans: [Span] = []
        if let stream = group.id.stream {
            spans.append(Span(UntrustedText.escape(stream) + "/", Style(.title, attributes: .bold), fit: .shrink(keeping: 0)))
        }
        spans += [
            Span(UntrustedText.escape(group.name), Style(.title, attributes: .bold), fit: .shrink(keeping: nameKept)),
            Span("  lag " + Format.count(lag) + " ", .muted),
            Span(String(trend.symbol(context.glyphs)), trend.style),
        ]
        if targets.groupPaused(.group(group.id)) { spans.append(Span("  PAUSED", Style(.warn, attributes: .bold))) }
        // A group that reads several topics says how far behind it is on each.
        if group.subscriptions.count > 1 {
            let lags = group.lagByTopic.map { UntrustedText.escape($0.topic) + " " + Format.count($0.lag) }
            spans.append(Span("  (" + lags.joined(separator: " · ") + ")", .muted, fit: .optional))
        }
        spans.append(Span(" · " + Format.rate(group.consumedPerSecond), .muted, fit: .optional))
        spans.append(Span(" · gen \(group.generation) · " + UntrustedText.escape(group.strategy), .muted, fit: .shrink(keeping: 0)))
        return Line(spans)
    }
}

/// What a member row shows, from a stream member or a queue consumer and its instance.
struct MemberUsage {
    var assigned = "-"
    var perSecond = 0.0
    var errorRate = 0.0
    var inFlight = 0
    var limit: Int?
    var stuck: StuckRecord?
    /// How many consumers share the channel whose in flight this is (RabbitMQ counts per channel).
    var sharedBy: Int?

    /// `assignedShownUpTo`: the widest the partitions column gets; the list is not built beyond it.
    /// `severalTopics`: the member's group reads more than one topic, so its partitions are named with their topics.
    init(_ member: MemberSnapshot?, _ instance: InstanceSnapshot?, severalTopics: Bool = false,
         assignedShownUpTo widest: Int = .max) {
        self.init(instance)
        guard let member else { return }
        assigned = severalTopics ? Format.partitionList(member.assigned, stoppingPast: widest)
                                 : Format.partitionList(member.assigned.map(\.partition), stoppingPast: widest)
        stuck = member.stuck
        if let stuck { assigned = "p\(stuck.partition.partition)@\(stuck.offset) try \(stuck.attempt)" }
        // The member's own figures: the simulation's and an engine's are both over the last RateWindow.
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
        sharedBy = consumer.inFlightSharedBy
    }

    private init(_ instance: InstanceSnapshot?) {
        guard let instance else { return }
        perSecond = instance.processedPerSecond
        errorRate = instance.errorRate
        inFlight = instance.busy
        limit = instance.concurrency
    }
}
