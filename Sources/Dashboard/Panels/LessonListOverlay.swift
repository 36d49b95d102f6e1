import SluiceModel

/// The lesson list (`L`): every lesson the backend offers, in teaching order, with what the selected
/// one teaches.
enum LessonListOverlay {
    static func render(_ context: ViewContext, selected: Int, _ area: Rect, into buffer: inout Buffer) {
        let catalog = context.snapshot.lessonCatalog
        let width = min(area.width - 4, 96)
        let chosen = catalog.indices.contains(selected) ? catalog[selected] : nil
        let teaches = chosen.map { Paragraph.wrap("Teaches: " + UntrustedText.escape($0.teaches), width: width - 2) } ?? []
        let inner = Overlays.box("Lessons", width: width, height: min(area.height, catalog.count + teaches.count + 4),
                                 in: area, context, into: &buffer)
        let teachRows = min(teaches.count, max(0, inner.height - 4))
        let listArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(1, inner.height - teachRows - 2))
        let nameWidth = min(28, (catalog.map { CharacterWidth.of(UntrustedText.escape($0.name)) }.max() ?? 0) + 2)
        let first = Table.firstVisibleRow(selected: selected, count: catalog.count, visible: listArea.height)
        for (row, entry) in catalog.dropFirst(first).prefix(listArea.height).enumerated() {
            let index = first + row
            let current = entry.name == context.snapshot.source.name
            Line([Span(Format.pad("\(index + 1).", to: 4), .muted),
                  Span(Format.pad(UntrustedText.escape(entry.name), to: nameWidth), Style(.accent, attributes: .bold)),
                  Span(UntrustedText.escape(entry.title) + (current ? "  (running)" : ""), .plain)])
                .render(x: listArea.x, y: listArea.y + row, maxWidth: listArea.width, into: &buffer)
            if index == selected { buffer.restyle(listArea.row(row)) { $0.attributes.insert(.reverse) } }
        }
        Paragraph(lines: teaches.prefix(teachRows).map { Line($0, .muted) })
            .render(Rect(x: inner.x, y: listArea.maxY + 1, width: inner.width, height: teachRows), into: &buffer)
        Overlays.hint("↑/↓ choose · Enter opens it (restarts the run) · Esc closes", in: inner, into: &buffer)
    }
}
