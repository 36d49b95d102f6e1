import SluiceModel

/// Rebalances, pauses, crashes, dead letters, breaker changes..., newest first, each with its
/// time and correlation id.
enum EventLogPanel {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let items = context.items(.events)
        if context.noteIfEmpty(items, nothingThere: context.snapshot.events.isEmpty, "no events yet", area, into: &buffer) { return }
        let columns = [Column("time", .length(10)), Column("kind", .length(11)), Column("what", .fill(3)),
                       Column("id", .fill(1))]
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
