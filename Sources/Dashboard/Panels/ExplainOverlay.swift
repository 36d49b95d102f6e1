import SluiceModel

/// What `e` shows: the number under the cursor now, then what it means and how it is computed.
enum ExplainOverlay {
    static func lines(_ explained: Explained, width: Int) -> [Line] {
        var lines: [Line] = []
        for fact in explained.facts {
            let wrapped = Paragraph.wrap(fact, width: width - 2)
            for (index, text) in wrapped.enumerated() {
                lines.append(Line([Span(index == 0 ? "• " : "  ", .accent), Span(text, .plain)]))
            }
        }
        for key in explained.keys {
            guard let explanation = Explanations.explain(key) else { continue }
            lines.append(Line(""))
            lines.append(Line(explanation.title, Style(.title, attributes: .bold)))
            lines += Paragraph.wrap(explanation.meaning, width: width).map { Line($0, .plain) }
            lines += Paragraph.wrap("How: " + explanation.computation, width: width).map { Line($0, .muted) }
            // On a live engine, the figures it reported and the arithmetic on them, beside the general rule.
            if let origin = explained.origins[key] {
                let heading = "From " + (explained.reporter ?? "the engine") + ": "
                lines += Paragraph.wrap(heading + origin, width: width).map { Line($0, .plain) }
            }
        }
        return lines
    }

    static func render(_ context: ViewContext, panel: PanelID, item: PanelItem?, scroll: Int, _ area: Rect,
                       into buffer: inout Buffer) {
        let width = min(area.width - 4, 88)
        guard let explained = Explainer.explain(panel, item, context.snapshot) else {
            let inner = Overlays.box("Explain", width: width, height: 4, in: area, context, into: &buffer)
            buffer.put("that row is gone from the screen", x: inner.x, y: inner.y, style: .muted, maxWidth: inner.width)
            Overlays.hint("Esc closes", in: inner, into: &buffer)
            return
        }
        let all = lines(explained, width: width - 2)
        let inner = Overlays.box("Explain · " + explained.subject, width: width, height: min(area.height, all.count + 3),
                                 in: area, context, into: &buffer)
        let visible = max(0, inner.height - 1)
        let first = max(0, min(scroll, all.count - visible))
        Paragraph(lines: all, scroll: first).render(Rect(x: inner.x, y: inner.y, width: inner.width, height: visible),
                                                    into: &buffer)
        let more = all.count > visible ? " · ↑/↓ scroll" : ""
        Overlays.hint("numbers update live · Esc or e closes" + more, in: inner, into: &buffer)
    }
}
