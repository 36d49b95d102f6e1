import SluiceModel

/// Browses a partition from an offset, or a queue or DLQ: key, headers, value (pretty JSON when
/// it parses), delivery count, and the message's history through deliveries, retries, DLQ and redrive.
enum InspectorPanel {
    static func title(_ context: ViewContext) -> String {
        guard let inspection = context.snapshot.inspection else { return "Inspector" }
        let what = switch inspection.target {
        case .partition(let topic, let partition, _): UntrustedText.escape(topic) + " p\(partition)"
        case .queue(let name, _): UntrustedText.escape(name)
        }
        return "Inspector · " + what + " · " + page(inspection)
    }

    /// Which messages of how many this page shows, short enough for a narrow title: `101-117/117`
    /// for a queue, the offsets and the log's bounds for a partition (`270-369 of 0-505`).
    static func page(_ inspection: Inspection) -> String {
        let count = inspection.messages.count
        if case .partition = inspection.target, let first = inspection.messages.first?.offset {
            let logStart = first - Int64(inspection.before)
            return "\(first)-\(first + Int64(count) - 1) of \(logStart)-\(logStart + Int64(inspection.total))"
        }
        guard count > 0 else { return "0/\(inspection.total)" }
        return "\(inspection.before + 1)-\(inspection.before + count)/\(inspection.total)"
    }

    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        guard let inspection = context.snapshot.inspection else {
            Paragraph(lines: Paragraph.wrap("Select a partition or a queue and press Enter to browse its messages. "
                                            + "Enter on a message shows it in full, Esc goes back.", width: area.width)
                .map { Line($0, .muted) }).render(area, into: &buffer)
            return
        }
        let items = context.items(.inspector)
        let selected = context.state.selectedIndex(.inspector, count: items.count)
        let message: InspectedMessage? = selected.flatMap { items[$0] }.flatMap {
            if case .message(let index) = $0 { inspection.messages[index] } else { nil }
        }
        if context.state.inspectorDetail, let message {
            return Paragraph(lines: detailLines(message, width: area.width), scroll: context.state.detailScroll)
                .render(area, into: &buffer)
        }
        if context.noteIfEmpty(items, nothingThere: inspection.messages.isEmpty, "no messages here", area, into: &buffer) { return }
        let split = area.height >= 14 && message != nil
        let listHeight = split ? max(4, area.height * 2 / 5) : area.height
        let isQueue = if case .queue = inspection.target { true } else { false }
        // Rows are numbered within the whole target, not the page.
        let columns = [Column(isQueue ? "#" : "offset", .length(8), alignRight: true), Column("id", .fill(2)),
                       Column("key", .fill(2)), Column("state", .length(13)), Column("dlv", .length(3), alignRight: true),
                       Column("value", .fill(5))]
        let rows = items.lazy.map { item -> TableRow in
            guard case .message(let index) = item else { return TableRow([]) }
            let m = inspection.messages[index]
            return TableRow([.muted(m.offset.map { String($0) } ?? String(inspection.before + index + 1)),
                             .text(UntrustedText.escape(m.messageId ?? ""), .accent),
                             .plain(m.key.map(UntrustedText.escape) ?? "-"),
                             .text(m.state?.rawValue ?? "-", stateStyle(m.state)),
                             .text(m.deliveryCount.map(String.init) ?? "-", (m.deliveryCount ?? 0) > 1 ? .warn : .muted),
                             .plain(UntrustedText.escape(m.value))])
        }
        Table(columns: columns, rows: rows, selected: context.selected(.inspector, count: items.count) ?? selected,
              glyphs: context.glyphs)
            .render(Rect(x: area.x, y: area.y, width: area.width, height: listHeight), into: &buffer)
        if split, let message {
            let rest = Rect(x: area.x, y: area.y + listHeight, width: area.width, height: area.height - listHeight)
            buffer.fill(rest.row(0), with: context.glyphs.horizontal, style: Style(.border))
            Paragraph(lines: detailLines(message, width: area.width))
                .render(Rect(x: rest.x, y: rest.y + 1, width: rest.width, height: rest.height - 1), into: &buffer)
        }
    }

    static func stateStyle(_ state: MessageState?) -> Style {
        switch state {
        case .deadLettered?, .retrying?: .error
        case .inFlight?, .inProgress?, .handedOut?: .accent
        case .delayed?, .unread?: .warn
        case .waiting?, .consumed?, nil: .muted
        }
    }

    /// The full message: a facts line, key, headers, the value and the history.
    static func detailLines(_ message: InspectedMessage, width: Int) -> [Line] {
        var facts: [String] = []
        if let offset = message.offset { facts.append("offset \(offset)") }
        if let id = message.messageId { facts.append("id " + UntrustedText.escape(id)) }
        if let state = message.state { facts.append(state.rawValue) }
        if let deliveries = message.deliveryCount { facts.append("deliveries \(deliveries)") }
        facts.append("at " + Format.clock(message.timestamp))
        var lines = [Line(facts.joined(separator: " · "), Style(.title, attributes: .bold)),
                     Line([Span("key     ", .muted), Span(message.key.map(UntrustedText.escape) ?? "(none)", .accent)])]
        for header in message.headers {
            lines.append(Line([Span("header  ", .muted), Span(UntrustedText.escape(header.name), .accent),
                               Span(": " + UntrustedText.escape(header.value), .plain)]))
        }
        lines.append(Line("value", .muted))
        if let pretty = JSONPretty.lines(message.value) {
            lines += pretty.map { Line($0.map { Span($0.text, Style($0.role)) }) }
        } else {
            lines += Paragraph.wrap(UntrustedText.escape(message.value), width: max(1, width)).map { Line($0) }
        }
        if !message.history.isEmpty {
            lines.append(Line("history", .muted))
            lines += message.history.flatMap { event in
                Paragraph.wrap("  " + MessageHistoryText.line(event), width: max(1, width)).map { Line($0) }
            }
        }
        return lines
    }
}
