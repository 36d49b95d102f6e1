/// A chart of recent samples, newest on the right: braille dots (two samples and four levels
/// per cell) or, without Unicode, one ASCII column per sample.
public struct Sparkline {
    public var samples: [Double]
    /// The value at the top; nil scales to the largest sample shown.
    public var ceiling: Double?
    public var glyphs: Glyphs
    /// A fixed role for every dot; nil colours rows along the theme's gradient.
    public var role: ColorRole?
    public init(samples: [Double], ceiling: Double? = nil, glyphs: Glyphs, role: ColorRole? = nil) {
        self.samples = samples; self.ceiling = ceiling; self.glyphs = glyphs; self.role = role
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard area.width > 0, area.height > 0 else { return }
        let perCell = glyphs.braille ? 2 : 1
        let levelsPerRow = glyphs.braille ? 4 : 2
        let shown = Array(samples.suffix(area.width * perCell))
        let top = ceiling ?? shown.max() ?? 0
        let totalLevels = area.height * levelsPerRow
        let heights = shown.map { sample -> Int in
            guard top > 0, sample.isFinite, sample > 0 else { return 0 }
            return max(1, min(totalLevels, Int((sample / top * Double(totalLevels)).rounded())))
        }
        // Right-align: the newest sample sits in the last column.
        let firstColumn = area.width - (heights.count + perCell - 1) / perCell
        for row in 0..<area.height {
            let floor = (area.height - 1 - row) * levelsPerRow
            let style = Style(role ?? .gradient(fraction: Double(area.height - 1 - row) / Double(max(1, area.height - 1))))
            for cell in 0..<(area.width - max(0, firstColumn)) {
                let samplesHere = (0..<perCell).map { cell * perCell + $0 }.map { $0 < heights.count ? heights[$0] : 0 }
                let levels = samplesHere.map { max(0, min(levelsPerRow, $0 - floor)) }
                let glyph = glyphs.braille ? Self.braille(left: levels[0], right: levels[1]) : Self.ascii(levels[0])
                if glyph != " " { buffer.put(glyph, x: area.x + max(0, firstColumn) + cell, y: area.y + row, style: style) }
            }
        }
    }

    /// A braille cell with `left` and `right` dots lit from the bottom (0...4 each).
    static func braille(left: Int, right: Int) -> Character {
        // Dot bits from the bottom row up, for the left and the right column.
        let leftBits: [UInt32] = [0x40, 0x04, 0x02, 0x01]
        let rightBits: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        var bits: UInt32 = 0
        for level in 0..<left { bits |= leftBits[level] }
        for level in 0..<right { bits |= rightBits[level] }
        guard bits != 0, let scalar = Unicode.Scalar(0x2800 + bits) else { return " " }
        return Character(scalar)
    }

    /// An ASCII cell filled `level` halves (0...2) from the bottom.
    static func ascii(_ level: Int) -> Character { level >= 2 ? "|" : level == 1 ? "." : " " }
}

/// Horizontal bars, one per bucket, each with its label and count.
public struct Histogram {
    public var buckets: [(label: String, value: Int64)]
    public var glyphs: Glyphs
    public init(buckets: [(label: String, value: Int64)], glyphs: Glyphs) { self.buckets = buckets; self.glyphs = glyphs }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard area.width > 4, area.height > 0 else { return }
        let labelWidth = buckets.map { CharacterWidth.of($0.label) }.max() ?? 0
        let counts = buckets.map { Format.count($0.value) }
        let countWidth = counts.map { CharacterWidth.of($0) }.max() ?? 0
        let peak = Double(buckets.map(\.value).max() ?? 0)
        let barWidth = max(1, area.width - labelWidth - countWidth - 2)
        for (row, bucket) in buckets.prefix(area.height).enumerated() {
            let y = area.y + row
            buffer.put(Format.pad(bucket.label, to: labelWidth, alignRight: true), x: area.x, y: y, style: .muted)
            let fraction = peak > 0 ? Double(bucket.value) / peak : 0
            let role = ColorRole.gradient(fraction: Double(row) / Double(max(1, buckets.count - 1)))
            Bar(fraction: fraction, style: Style(role), glyphs: glyphs)
                .render(Rect(x: area.x + labelWidth + 1, y: y, width: barWidth, height: 1), into: &buffer)
            buffer.put(Format.pad(counts[row], to: countWidth, alignRight: true),
                       x: area.x + labelWidth + 2 + barWidth, y: y, style: .plain, maxWidth: countWidth)
        }
    }
}
