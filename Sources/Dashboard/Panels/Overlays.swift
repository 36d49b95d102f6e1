import SluiceModel

/// What covers the panels: help, the command palette, the filter bar, a form, a confirmation, the
/// lesson list, an explanation.
enum Overlays {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        switch context.state.overlay {
        case .none: break
        case .help(let scroll): HelpOverlay.render(context, area, scroll: scroll, into: &buffer)
        case .palette(let query, let selected): renderPalette(context, area, query: query, selected: selected, into: &buffer)
        case .filter: renderFilter(context, area, into: &buffer)
        case .form(let form): renderForm(context, form, area, into: &buffer)
        case .confirm(let confirmation): renderConfirm(context, confirmation, area, into: &buffer)
        case .lessons(let selected): LessonListOverlay.render(context, selected: selected, area, into: &buffer)
        case .explain(let panel, let item, let scroll):
            ExplainOverlay.render(context, panel: panel, item: item, scroll: scroll, area, into: &buffer)
        }
    }

    /// A framed, cleared box centred in `area`; returns its inside.
    static func box(_ title: String, width: Int, height: Int, in area: Rect, _ context: ViewContext,
                    into buffer: inout Buffer) -> Rect {
        let rect = area.centered(width: width, height: height)
        buffer.fill(rect, style: .plain)
        return Block(title: title, focused: true, glyphs: context.glyphs).render(rect, into: &buffer)
    }

    static func hint(_ text: String, in inner: Rect, into buffer: inout Buffer) {
        buffer.put(text, x: inner.x, y: inner.maxY - 1, style: .muted, maxWidth: inner.width)
    }

    static func renderPalette(_ context: ViewContext, _ area: Rect, query: String, selected: Int, into buffer: inout Buffer) {
        let entries = Palette.entries(query, context.snapshot)
        let inner = box("Command palette", width: min(area.width - 4, 84), height: min(area.height - 2, 18),
                        in: area, context, into: &buffer)
        Line([Span(": ", Style(.accent, attributes: .bold)), Span(UntrustedText.escape(query), .plain),
              Span("_", Style(.accent, attributes: .bold))])
            .render(x: inner.x, y: inner.y, maxWidth: inner.width, into: &buffer)
        let listArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        let first = Table.firstVisibleRow(selected: selected, count: entries.count, visible: listArea.height)
        for (row, entry) in entries.dropFirst(first).prefix(listArea.height).enumerated() {
            let y = listArea.y + row
            let keysWidth = CharacterWidth.of(entry.keys)
            buffer.put(entry.label, x: listArea.x + 1, y: y, style: .plain, maxWidth: listArea.width - keysWidth - 3)
            buffer.put(entry.keys, x: listArea.maxX - keysWidth, y: y, style: .accent)
            if first + row == selected { buffer.restyle(listArea.row(row)) { $0.attributes.insert(.reverse) } }
        }
        if entries.isEmpty { buffer.put("no action matches", x: listArea.x + 1, y: listArea.y, style: .muted) }
        hint("↑/↓ choose · Enter run · Esc close", in: inner, into: &buffer)
    }

    static func renderFilter(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let row = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: 1)
        buffer.fill(row, style: .plain)
        Line([Span("/ ", Style(.accent, attributes: .bold)), Span(UntrustedText.escape(context.state.filter), .plain),
              Span("_", Style(.accent, attributes: .bold)), Span("   Enter keep · Esc cancel", .muted)])
            .render(x: row.x, y: row.y, maxWidth: row.width, into: &buffer)
    }

    static func renderForm(_ context: ViewContext, _ form: Form, _ area: Rect, into buffer: inout Buffer) {
        let inner = box(form.title, width: min(area.width - 4, 76), height: min(area.height, form.fields.count * 2 + 5),
                        in: area, context, into: &buffer)
        // Every label whole ("offset, time or id"), and a gap before the value.
        let labelWidth = max(16, (form.fields.map { CharacterWidth.of($0.name) }.max() ?? 0) + 2)
        for (index, field) in form.fields.enumerated() {
            let y = inner.y + index * 2
            guard y < inner.maxY - 2 else { break }
            let focused = index == form.focusedField
            buffer.put(field.name, x: inner.x, y: y, style: focused ? Style(.accent, attributes: .bold) : .muted,
                       maxWidth: labelWidth)
            let valueWidth = inner.width - labelWidth
            let shown = UntrustedText.escape(field.text)
            let text = field.isChoice ? "◀ " + shown + " ▶" : shown + (focused ? "_" : "")
            let valueStyle: Style = focused ? Style(.foreground, attributes: .reverse) : .plain
            buffer.fill(Rect(x: inner.x + labelWidth, y: y, width: valueWidth, height: 1), style: valueStyle)
            let used = buffer.put(text, x: inner.x + labelWidth, y: y,
                                  style: valueStyle, maxWidth: valueWidth)
            if focused, !field.hint.isEmpty, used + CharacterWidth.of(field.hint) + 2 < valueWidth {
                buffer.put(field.hint, x: inner.x + inner.width - CharacterWidth.of(field.hint), y: y,
                           style: Style(.muted, attributes: .reverse))
            }
        }
        if let error = form.error {
            buffer.put(error, x: inner.x, y: inner.maxY - 2, style: Style(.error, attributes: .bold), maxWidth: inner.width)
        }
        hint("Tab next field · ←/→ choose · Enter submit · Esc cancel", in: inner, into: &buffer)
    }

    static func renderConfirm(_ context: ViewContext, _ confirmation: Confirmation, _ area: Rect, into buffer: inout Buffer) {
        let width = min(area.width - 4, 70)
        var lines = Paragraph.wrap(confirmation.question, width: width - 2).map { Line($0, Style(.title, attributes: .bold)) }
        if let replay = confirmation.replay {
            let count = confirmation.backendCount ?? replay.estimatedCount(context.snapshot)
            let text = count.map { "This seek: \($0.description)." }
                ?? "How many records will be consumed again or skipped is not known yet."
            lines.append(Line(""))
            lines += Paragraph.wrap(text, width: width - 2).map { Line($0, Style(.warn, attributes: .bold)) }
        }
        let inner = box("Are you sure?", width: width, height: min(area.height, lines.count + 4), in: area, context,
                        into: &buffer)
        Paragraph(lines: lines).render(Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1),
                                       into: &buffer)
        hint("y or Enter: yes · n or Esc: no", in: inner, into: &buffer)
    }
}
