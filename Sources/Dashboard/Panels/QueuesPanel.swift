import SluiceModel

/// Work queues (dead-letter queues among them): depth, in flight, delayed, oldest message age,
/// a capacity gauge and rejected/blocked counts; then circuit breakers and downstreams.
enum QueuesPanel {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let items = context.items(.queues)
        if context.noteIfEmpty(items, nothingThere: context.snapshot.queues.isEmpty, "no queues", area, into: &buffer) { return }
        // A narrow panel gives up rejected/blocked first, then the oldest age, then the capacity gauge:
        // what waits, what is out and what backs off (delayed) stay.
        let columns = [Column("queue", .fill(3), minimumWidth: 8), Column("ready", .length(5), alignRight: true),
                       Column("in fl", .length(5), alignRight: true), Column("delayed", .length(7), alignRight: true),
                       Column("oldest", .length(6), alignRight: true, dropRank: 2),
                       Column("capacity", .fill(2), dropRank: 3, minimumWidth: 9),
                       Column("rej/blk", .length(7), alignRight: true, dropRank: 1)]
        let rows = items.lazy.map { item -> TableRow in
            switch item {
            case .queue(let name): queueRow(name, context)
            case .breaker(let name): breakerRow(name, context)
            default: TableRow([])
            }
        }
        Table(columns: columns, rows: rows, selected: context.selected(.queues, count: items.count), glyphs: context.glyphs)
            .render(area, into: &buffer)
    }

    static func queueRow(_ name: String, _ context: ViewContext) -> TableRow {
        guard let queue = context.snapshot.queues.first(where: { $0.name == name }) else { return TableRow([]) }
        let label = (queue.isDeadLetterQueue ? "DLQ " : "") + UntrustedText.escape(name)
        var cells: [TableCell] = [.text(label, queue.isDeadLetterQueue ? (queue.depth > 0 ? .error : .muted) : .plain),
                                  .plain(Format.count(Int64(queue.waiting))), .plain(Format.count(Int64(queue.inFlight))),
                                  .plain(Format.count(Int64(queue.delayed)))]
        cells.append(.text(queue.oldestWaitingAge.map(Format.duration) ?? "-", ageStyle(queue.oldestWaitingAge, queue.ackDeadline)))
        if let capacity = queue.capacity {
            let gauge = Gauge(value: Double(queue.depth), limit: Double(capacity),
                              label: Format.count(Int64(queue.depth)) + "/" + Format.count(Int64(capacity)), glyphs: context.glyphs)
            cells.append(.draw { buffer, rect in gauge.render(rect, into: &buffer) })
        } else {
            // The depth, and ∞ for no limit: short enough that a narrow column never cuts the number.
            cells.append(.muted(Format.count(Int64(queue.depth)) + "/" + (context.state.ascii ? "inf" : "∞")))
        }
        let counters = queue.counters
        let pushedBack = counters.rejected + counters.blocked + counters.dropped
        cells.append(.text(Format.count(counters.rejected + counters.dropped) + "/" + Format.count(counters.blocked),
                           pushedBack > 0 ? .warn : .muted))
        return TableRow(cells)
    }

    /// Old compared to the ack deadline: the queue is not keeping up.
    static func ageStyle(_ age: Nanos?, _ deadline: Nanos) -> Style {
        guard let age else { return .muted }
        return age > deadline ? .error : age > deadline / 2 ? .warn : .plain
    }

    static func breakerRow(_ name: String, _ context: ViewContext) -> TableRow {
        guard let breaker = context.snapshot.breakers.first(where: { $0.name == name }) else { return TableRow([]) }
        let stateStyle: Style = switch breaker.state {
        case .closed: .ok
        case .open: Style(.error, attributes: .bold)
        case .halfOpen: .warn
        }
        if breaker.isFault {
            let on = breaker.state != .closed
            return TableRow(spanning: Line([
                Span("fault ", .muted), Span(UntrustedText.escape(name) + " ", .plain),
                Span(on ? "ON" : "off", on ? Style(.error, attributes: .bold) : .muted),
                Span(" · hit " + Format.count(breaker.rejectedCalls) + " · o switches it", .muted),
            ]))
        }
        let up = context.snapshot.downstreams.first { $0.name == name }?.up ?? breaker.downstreamUp
        // Most telling first, so a narrow panel cuts the least: state, the downstream, then the rates.
        return TableRow(spanning: Line([
            Span("breaker ", .muted), Span(UntrustedText.escape(name) + " ", .plain),
            Span(breaker.state.rawValue, stateStyle), Span(" · ", .muted),
            Span(up ? "downstream up" : "downstream DOWN", up ? .ok : Style(.error, attributes: .bold)),
            Span(" · failing " + Format.percent(breaker.failureRate) + " · refused " + Format.count(breaker.rejectedCalls), .muted),
        ]))
    }
}
