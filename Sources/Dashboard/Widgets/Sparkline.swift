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
        let start = max(0, firstColumn)
        for row in 0..<area.height {
            let floor = (area.height - 1 - row) * levelsPerRow
            let style = Style(role ?? .gradient(fraction: Double(area.height - 1 - row) / Double(max(1, area.height - 1))))
            for cell in 0..<(area.width - start) {
                let left = cell * perCell
                let leftLevel = left < heights.count ? max(0, min(levelsPerRow, heights[left] - floor)) : 0
                let glyph: Unicode.Scalar
                if glyphs.braille {
                    let right = left + 1
                    let rightLevel = right < heights.count ? max(0, min(levelsPerRow, heights[right] - floor)) : 0
                    glyph = Self.braille(left: leftLevel, right: rightLevel)
                } else {
                    glyph = Self.ascii(leftLevel)
                }
                if glyph != " " { buffer.put(glyph, x: area.x + start + cell, y: area.y + row, style: style) }
            }
        }
    }

    /// A braille cell with `left` and `right` dots lit from the bottom (0...4 each).
    static func braille(left: Int, right: Int) -> Unicode.Scalar {
        // Dot bits lit from the bottom row up: none, 1, 2, 3 or 4 dots, for the left and the right column.
        let leftBits: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0x40, 0x44, 0x46, 0x47)
        let rightBits: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0x80, 0xA0, 0xB0, 0xB8)
        let bits = pick(leftBits, left) | pick(rightBits, right)
        return bits == 0 ? " " : Unicode.Scalar(0x2800 + bits) ?? " "
    }

    static func pick(_ bits: (UInt32, UInt32, UInt32, UInt32, UInt32), _ level: Int) -> UInt32 {
        switch level {
        case ...0: bits.0
        case 1: bits.1
        case 2: bits.2
        case 3: bits.3
        default: bits.4
        }
    }

    /// An ASCII cell filled `level` halves (0...2) from the bottom.
    static func ascii(_ level: Int) -> Unicode.Scalar { level >= 2 ? "|" : level == 1 ? "." : " " }
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
        // Too narrow for a bar, the counts still show whole (or an ellipsis), never past the area.
        let barWidth = max(0, area.width - labelWidth - countWidth - 2)
        let countX = area.x + labelWidth + 1 + (barWidth > 0 ? barWidth + 1 : 0)
        for (row, bucket) in buckets.prefix(area.height).enumerated() {
            let y = area.y + row
            buffer.put(Format.pad(bucket.label, to: labelWidth, alignRight: true), x: area.x, y: y, style: .muted)
            let fraction = peak > 0 ? Double(bucket.value) / peak : 0
            let role = ColorRole.gradient(fraction: Double(row) / Double(max(1, buckets.count - 1)))
            if barWidth > 0 {
                Bar(fraction: fraction, style: Style(role), glyphs: glyphs)
                    .render(Rect(x: area.x + labelWidth + 1, y: y, width: barWidth, height: 1), into: &buffer)
            }
            buffer.put(Format.pad(counts[row], to: min(countWidth, area.maxX - countX), alignRight: true),
                       x: countX, y: y, style: .plain)
        }
    }
}
