import SluiceModel

/// Rebalances, pauses, crashes, dead letters, breaker changes..., newest first (the title says so),
/// each with its time and correlation id.
enum EventLogPanel {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let items = context.items(.events)
        if context.noteIfEmpty(items, nothingThere: context.snapshot.events.isEmpty, "no events yet", area, into: &buffer) { return }
        // The id column is as wide as the ids on screen need (none, or a narrow panel: no column), so the
        // text gets the rest; following an id (Enter) still works without it.
        let ids = items.prefix(area.height).compactMap { item -> String? in
            guard case .event(let index) = item else { return nil }
            return context.snapshot.events[index].correlationId.map(UntrustedText.escape)
        }
        let idWidth = area.width < 60 ? 0 : min(area.width / 4, ids.map { CharacterWidth.of($0) }.max() ?? 0)
        var columns = [Column("time", .length(10)), Column("kind", .length(11)), Column("what", .fill(1))]
        if idWidth > 0 { columns.append(Column("id", .length(max(2, idWidth)))) }
        let rows = items.lazy.map { item -> TableRow in
            guard case .event(let index) = item else { return TableRow([]) }
            let event = context.snapshot.events[index]
            return TableRow([.muted(Format.clock(event.at)), .text(event.kind.rawValue, style(event.kind)),
                             .plain(UntrustedText.escape(event.text)),
                             .text(event.correlationId.map(UntrustedText.escape) ?? "", .accent)])
        }
        Table(columns: columns, rows: rows, selected: context.selected(.events, count: items.count), glyphs: context.glyphs)
            .render(area, into: &buffer)
    }

    static func style(_ kind: EventLogEntry.Kind) -> Style {
        switch kind {
        case .crash, .deadLetter, .warning: Style(.error, attributes: .bold)
        case .pause, .breaker, .fault, .outage: .warn
        case .rebalance, .seek, .scale, .redrive: .accent
        case .resume, .restart, .publish: .ok
        case .info: .muted
        }
    }
}
