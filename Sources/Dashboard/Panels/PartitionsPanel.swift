import SluiceModel

/// Per topic, one row per partition: log start and end, a bar of retained records with each
/// group's committed-offset marker, each group's lag; the hottest partition marked.
enum PartitionsPanel {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let snapshot = context.snapshot
        let markers = context.groupMarkers()
        var legend: [Span] = []
        for group in snapshot.groups {
            guard let marker = markers[group.id] else { continue }
            legend.append(Span(String(marker.symbol), Style(marker.role, attributes: [.bold, .reverse])))
            // With one topic the group's own name says enough.
            let name = snapshot.topics.count == 1 ? group.name : group.id.description
            legend.append(Span(" " + UntrustedText.escape(name) + "  ", .muted))
        }
        let stats = Dictionary(snapshot.topics.map { ($0.name, TopicStats($0)) }, uniquingKeysWith: { first, _ in first })
        if stats.values.contains(where: { $0.hottest != nil }) {
            legend.append(Span(String(context.glyphs.bullet), Style(.warn, attributes: .bold)))
            legend.append(Span(" hottest", .muted))
        }
        // The legend gives way to rows when the panel is short; the lag headers carry the symbols too.
        let legendRows = area.height >= 6 ? 1 : 0
        if legendRows > 0 { Line(legend).render(x: area.x, y: area.y, maxWidth: area.width, into: &buffer) }

        let items = context.items(.partitions)
        let below = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if context.noteIfEmpty(items, nothingThere: snapshot.topics.isEmpty, "no topics", below, into: &buffer) { return }
        let groups = snapshot.groups
        let lagColumns = groups.map { group -> Column in
            let symbol = markers[group.id].map { String($0.symbol) + " " } ?? ""
            return Column(symbol + "lag", .length(max(7, min(12, CharacterWidth.of(group.name) + 2))), alignRight: true)
        }
        let lagWidth = lagColumns.reduce(0) { $0 + lagWidthOf($1) + 1 }
        let showStart = area.width - lagWidth - 30 >= 12
        // Each partition's produce rate, where a hot partition shows itself; it goes before `start`.
        let showRate = area.width - lagWidth - 30 >= 21
        let showLags = area.width - 22 >= lagWidth + 10
        var columns = [Column("part", .length(5))]
        if showStart && showRate { columns.append(Column("start", .length(8), alignRight: true)) }
        columns.append(Column("end", .length(8), alignRight: true))
        if showRate { columns.append(Column("in/s", .length(7), alignRight: true)) }
        columns.append(Column("retained / committed", .fill(1)))
        if showLags { columns += lagColumns } else { columns.append(Column("max lag", .length(8), alignRight: true)) }

        // Each group's marker by its place in the snapshot, worked out once rather than once a row.
        let groupMarkers = groups.map { markers[$0.id] }
        Table(columns: columns, rowCount: items.count, selected: context.selected(.partitions, count: items.count),
              glyphs: context.glyphs) { index in
            switch items[index] {
            case .topic(let name): topicRow(name, snapshot)
            case .partition(let topic, let partition):
                stats[topic].map {
                    partitionRow($0, partition, context, markers: groupMarkers, showStart: showStart && showRate,
                                 showRate: showRate, showLags: showLags)
                }
                    ?? TableRow([])
            default: TableRow([])
            }
        }
            .render(Rect(x: area.x, y: area.y + legendRows, width: area.width, height: area.height - legendRows), into: &buffer)
    }

    static func lagWidthOf(_ column: Column) -> Int {
        if case .length(let n) = column.width { return n }
        return 0
    }

    static func topicRow(_ name: String, _ snapshot: SystemSnapshot) -> TableRow {
        guard let topic = snapshot.topics.first(where: { $0.name == name }) else { return TableRow([]) }
        var facts = (topic.partitions.isEmpty ? [] : ["\(topic.partitions.count) partitions"]) + [Format.rate(topic.producedPerSecond)]
        let retention = topic.retention
        if let max = retention.maxMessages { facts.append("keeps \(Format.count(Int64(max))) msgs") }
        if let age = retention.maxAge { facts.append("keeps " + Format.duration(age)) }
        facts += topic.details.map { UntrustedText.escape($0.label) + " " + UntrustedText.escape($0.value) }
        return TableRow(spanning: Line([Span(UntrustedText.escape(name), Style(.title, attributes: .bold)),
                                        Span("  " + facts.joined(separator: " · "), .muted)]))
    }

    /// What every row of a topic shares: the offsets its bars span and its hottest partition.
    struct TopicStats {
        let topic: TopicSnapshot
        let range: ClosedRange<Int64>
        let hottest: Int?
        init(_ topic: TopicSnapshot) {
            self.topic = topic
            // One pass: a topic may have thousands of partitions.
            var low = Int64.max, high = Int64.min, total = 0.0
            var hot: PartitionSnapshot?
            for partition in topic.partitions {
                low = min(low, partition.logStartOffset)
                high = max(high, partition.logEndOffset)
                total += partition.producedPerSecond
                if partition.producedPerSecond > hot?.producedPerSecond ?? -.infinity { hot = partition }
            }
            if topic.partitions.isEmpty { low = 0; high = 1 }
            range = low...max(low + 1, high)
            // Hottest only when one stands out (a fifth above the average), not the first of equals.
            let average = total / Double(max(1, topic.partitions.count))
            let standsOut = (hot?.producedPerSecond ?? 0) > 0 && (hot?.producedPerSecond ?? 0) >= average * 1.2
            hottest = topic.partitions.count > 1 && standsOut ? hot?.index : nil
        }
    }

    static func partitionRow(_ stats: TopicStats, _ index: Int, _ context: ViewContext,
                             markers: [(symbol: Character, role: ColorRole)?],
                             showStart: Bool, showRate: Bool, showLags: Bool) -> TableRow {
        let snapshot = context.snapshot
        guard let partition = stats.topic.partitions.numbered(index, by: \.index) else { return TableRow([]) }
        let isHottest = stats.hottest == index
        var barMarkers: [OffsetBar.Marker] = []
        // Each reading group's lag on this partition, by the group's place in the snapshot.
        var lags: [Int64?] = Array(repeating: nil, count: snapshot.groups.count)
        let ref = PartitionRef(topic: stats.topic.name, partition: index)
        for (place, group) in snapshot.groups.enumerated() where group.reads(ref.topic) {
            guard let state = group.partition(ref) else { continue }
            lags[place] = state.lag
            if let marker = markers[place] {
                barMarkers.append(.init(offset: state.committedOffset, symbol: marker.symbol, role: marker.role))
            }
        }
        let bar = OffsetBar(range: stats.range, logStart: partition.logStartOffset, logEnd: partition.logEndOffset,
                            markers: barMarkers, glyphs: context.glyphs)
        let label = "p\(index)" + (isHottest ? String(context.glyphs.bullet) : "")
        var cells: [TableCell] = [.text(label, isHottest ? Style(.warn, attributes: .bold) : .plain)]
        if showStart { cells.append(.muted(Format.count(partition.logStartOffset))) }
        cells.append(.plain(Format.count(partition.logEndOffset)))
        if showRate {
            cells.append(.text(Format.number(partition.producedPerSecond), isHottest ? Style(.warn, attributes: .bold) : .muted))
        }
        cells.append(.draw { buffer, rect in bar.render(rect, into: &buffer) })
        if showLags {
            cells += lags.map { lag in
                guard let lag else { return .muted("") }
                return .text(Format.count(lag), lagStyle(lag, rate: partition.producedPerSecond))
            }
        } else {
            let worst = lags.compactMap { $0 }.max() ?? 0
            cells.append(.text(Format.count(worst), lagStyle(worst, rate: partition.producedPerSecond)))
        }
        return TableRow(cells)
    }

    /// Lag measured in seconds of the partition's traffic: none, a few, many.
    static func lagStyle(_ lag: Int64, rate: Double) -> Style {
        guard lag > 0 else { return .muted }
        let seconds = rate > 0 ? Double(lag) / rate : .infinity
        return seconds <= 5 ? .plain : seconds <= 30 ? .warn : Style(.error, attributes: .bold)
    }
}
