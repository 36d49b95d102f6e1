import SluiceModel

/// Produced/s and consumed/s as braille sparklines, then each group's lag with a growing or
/// draining mark, an estimated time to drain and its own sparkline.
enum ThroughputPanel {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let snapshot = context.snapshot
        let throughput = snapshot.throughput
        let groups = snapshot.groups.filter { PanelItems.matches(context.state.filter, $0.id.description) }
        // Two charts share what the lag lines leave, at most four rows each.
        let chartRows = max(1, min(4, (area.height - groups.count * 2) / 2))
        let ceiling = max(throughput.produced.samples.max() ?? 0, throughput.consumed.samples.max() ?? 0)
        var y = area.y
        for (label, value, series, role) in [("produced", throughput.producedPerSecond, throughput.produced, ColorRole.accent),
                                             ("consumed", throughput.consumedPerSecond, throughput.consumed, ColorRole.ok)] {
            guard y < area.maxY else { return }
            chart(label: label, value: Format.rate(value), series: series, ceiling: ceiling, role: role,
                  rect: Rect(x: area.x, y: y, width: area.width, height: min(chartRows, area.maxY - y)), context, into: &buffer)
            y += chartRows
        }
        for group in groups where y < area.maxY {
            let lag = group.totalLag
            let trend = LagTrend(group.lagHistory, lag: lag)
            Line([Span("lag ", .muted), Span(UntrustedText.escape(group.id.description), Style(.title), fit: .shrink(keeping: 8)),
                  Span(" " + Format.count(lag) + " ", .plain),
                  Span(String(trend.symbol(context.glyphs)) + " " + trend.summary, trend.style)])
                .render(x: area.x, y: y, maxWidth: area.width, into: &buffer)
            y += 1
            if y < area.maxY, area.height - chartRows * 2 >= groups.count * 2 {
                Sparkline(samples: group.lagHistory.samples, glyphs: context.glyphs, role: trend.style.foreground)
                    .render(Rect(x: area.x + 2, y: y, width: area.width - 2, height: 1), into: &buffer)
                y += 1
            }
        }
    }

    /// A label column and a sparkline beside it.
    static func chart(label: String, value: String, series: Series, ceiling: Double, role: ColorRole, rect: Rect,
                      _ context: ViewContext, into buffer: inout Buffer) {
        // One row puts the value beside the label, more rows put it below.
        let wanted = rect.height > 1 ? max(CharacterWidth.of(label), CharacterWidth.of(value)) + 1
            : CharacterWidth.of(label) + 1 + CharacterWidth.of(value) + 1
        let labelWidth = min(max(8, wanted), rect.width / 2)
        // The value is a number: the label gives up its end for it, never the other way round.
        let name = Span(label, .muted, fit: .shrink(keeping: 1))
        let number = Span((rect.height > 1 ? "" : " ") + value, Style(role, attributes: .bold))
        if rect.height > 1 {
            Line([name]).render(x: rect.x, y: rect.y, maxWidth: labelWidth, into: &buffer)
            Line([number]).render(x: rect.x, y: rect.y + 1, maxWidth: labelWidth, into: &buffer)
        } else {
            Line([name, number]).render(x: rect.x, y: rect.y, maxWidth: labelWidth, into: &buffer)
        }
        Sparkline(samples: series.samples, ceiling: ceiling, glyphs: context.glyphs, role: nil)
            .render(Rect(x: rect.x + labelWidth + 1, y: rect.y, width: rect.width - labelWidth - 1, height: rect.height),
                    into: &buffer)
    }
}
