import SluiceModel

/// Every key, generated from the key map so it cannot drift; disabled actions say why.
enum HelpOverlay {
    /// The overlay's lines for a box `width` columns wide inside.
    static func lines(_ context: ViewContext, width: Int) -> [Line] {
        var lines: [Line] = []
        // The panels' keys act on the selected row: what it refuses is said there too.
        let target = Targets(state: context.state, snapshot: context.snapshot).capabilityTarget
        for keyContext in KeyContext.allCases {
            let bindings = KeyMap.bindings.filter { $0.context == keyContext }
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(Line("")) }
            lines.append(Line(keyContext.title, Style(.title, attributes: [.bold, .underline])))
            for binding in bindings {
                var spans = [Span("  " + Format.pad(binding.keyLabel, to: 20), Style(.accent, attributes: .bold)),
                             Span(binding.summary, .plain)]
                if binding.asksFirst { spans.append(Span("  (asks first)", .muted)) }
                lines.append(Line(spans))
                // Why a key does nothing here goes on its own line, so it shows at any width.
                if let reason = KeyMap.disabledReason(binding, readOnly: context.state.readOnly,
                                                      capabilities: context.snapshot.capabilities,
                                                      on: keyContext == .normal ? target : nil) {
                    lines += note(reason, width: width, style: .error)
                } else if let instead = KeyMap.partialNote(binding, capabilities: context.snapshot.capabilities,
                                                           on: keyContext == .normal ? target : nil) {
                    lines += note(instead, width: width, style: .warn)
                }
            }
        }
        return lines
    }

    /// Where a key's note starts: under its summary, past the key column.
    static let noteIndent = 24

    /// Why a key does nothing (or only part), in brackets under its summary, wrapped to the box: a reason is
    /// read whole, so no part of it may be cut at the box's edge.
    private static func note(_ text: String, width: Int, style: Style) -> [Line] {
        let indent = String(repeating: " ", count: noteIndent)
        return Paragraph.wrap("(" + UntrustedText.escape(text) + ")", width: max(1, width - noteIndent))
            .map { Line(indent + $0, style) }
    }

    static func render(_ context: ViewContext, _ area: Rect, scroll: Int, into buffer: inout Buffer) {
        let inner = Overlays.box("Help: every key", width: min(area.width - 2, 110), height: area.height,
                                 in: area, context, into: &buffer)
        let all = lines(context, width: inner.width)
        let visible = inner.height - 1
        let first = max(0, min(scroll, all.count - visible))
        Paragraph(lines: all, scroll: first).render(Rect(x: inner.x, y: inner.y, width: inner.width, height: visible),
                                                    into: &buffer)
        Overlays.hint("↑/↓ scroll · Esc or ? closes · lines \(first + 1)-\(min(all.count, first + visible)) of \(all.count)",
                      in: inner, into: &buffer)
    }
}
