/// A horizontal bar of `value` out of `limit`, with a label; green, then amber, then red as it fills.
public struct Gauge {
    public var value: Double
    public var limit: Double
    public var label: String
    public var glyphs: Glyphs
    public init(value: Double, limit: Double, label: String, glyphs: Glyphs) {
        self.value = value; self.limit = limit; self.label = label; self.glyphs = glyphs
    }

    public var fraction: Double { limit > 0 ? max(0, min(1, value / limit)) : 0 }

    /// Above its limit: a backend counted more than the maximum it reported, so the bar is full and the
    /// label says `over` in the warning colour rather than pretending the limit held.
    public var isOver: Bool { value > limit }

    /// How the label reads: warning and bold when over the limit.
    public var labelStyle: Style { isOver ? Style(.warn, attributes: .bold) : .plain }

    /// The role a fill fraction shows in: fine below 70%, warning below 90%, then error.
    public static func role(for fraction: Double) -> ColorRole {
        fraction < 0.7 ? .ok : fraction < 0.9 ? .warn : .error
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard area.width > 0, area.height > 0 else { return }
        let shown = isOver ? label + " over" : label
        // The label is numbers: a narrow gauge gives up its bar before the label loses a digit.
        let labelWidth = min(CharacterWidth.of(shown), area.width)
        let barWidth = area.width - labelWidth - 1
        if barWidth > 0 {
            Bar(fraction: fraction, style: isOver ? Style(.warn) : Style(Self.role(for: fraction)), glyphs: glyphs)
                .render(Rect(x: area.x, y: area.y, width: barWidth, height: 1), into: &buffer)
        }
        buffer.put(Format.truncate(shown, to: labelWidth), x: area.maxX - labelWidth, y: area.y, style: labelStyle)
    }
}

/// A bar filled to a fraction of its width, to an eighth of a cell where the glyphs allow.
public struct Bar {
    public var fraction: Double
    public var style: Style
    public var glyphs: Glyphs
    public init(fraction: Double, style: Style, glyphs: Glyphs) {
        self.fraction = fraction; self.style = style; self.glyphs = glyphs
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard area.width > 0 else { return }
        let clamped = fraction.isFinite ? max(0, min(1, fraction)) : 0
        let eighths = Int((clamped * Double(area.width * 8)).rounded())
        for column in 0..<area.width {
            let filled = eighths - column * 8
            let x = area.x + column
            if filled >= 8 {
                buffer.put(glyphs.barEighths[7], x: x, y: area.y, style: style)
            } else if filled > 0 {
                buffer.put(glyphs.barEighths[filled - 1], x: x, y: area.y, style: style)
            } else {
                buffer.put(glyphs.barEmpty, x: x, y: area.y, style: .muted)
            }
        }
    }
}
