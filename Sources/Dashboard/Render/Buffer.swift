/// One terminal cell: a glyph and its style. Plain data so a frame diff is a cheap comparison.
public struct Cell: Equatable, Sendable {
    /// A Unicode scalar value, `wideTail` for the right half of a wide glyph, or
    /// `clusterBase + i` for a multi-scalar grapheme kept in the buffer's cluster table.
    var glyph: UInt32
    public var style: Style

    static let wideTail: UInt32 = 0x11_0000
    static let clusterBase: UInt32 = 0x20_0000
    static let space: UInt32 = 0x20

    var isWideTail: Bool { glyph == Self.wideTail }
    var isCluster: Bool { glyph >= Self.clusterBase }
}

/// A rectangle of cells that widgets draw into; the terminal shows it, tests read it.
public struct Buffer: Sendable {
    public let width: Int
    public let height: Int
    var cells: [Cell]
    /// Grapheme clusters of more than one scalar (a letter with combining marks, a flag...).
    var clusters: [String] = []
    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(glyph: Cell.space, style: style), count: self.width * self.height)
    }

    // MARK: reading

    /// The text of one cell: its grapheme, or "" for the right half of a wide glyph.
    public func text(x: Int, y: Int) -> String {
        guard contains(x: x, y: y) else { return "" }
        return glyphText(cells[y * width + x].glyph)
    }

    public func style(x: Int, y: Int) -> Style {
        guard contains(x: x, y: y) else { return .plain }
        return cells[y * width + x].style
    }

    /// Whether the glyph at this cell takes two columns.
    public func isWide(x: Int, y: Int) -> Bool {
        contains(x: x + 1, y: y) && cells[y * width + x + 1].isWideTail
    }

    /// One row as text, wide glyphs once each.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for x in 0..<width { text += glyphText(cells[y * width + x].glyph) }
        return text
    }

    /// Every row, top to bottom.
    public var lines: [String] { (0..<height).map(line) }

    /// Whether any row contains `needle`.
    public func contains(_ needle: String) -> Bool { lines.contains { $0.contains(needle) } }

    /// The first (x, y) where `needle` starts, in cells.
    public func find(_ needle: String) -> (x: Int, y: Int)? {
        for y in 0..<height {
            let row = line(y)
            guard let range = row.firstRange(of: needle) else { continue }
            return (CharacterWidth.of(String(row[..<range.lowerBound])), y)
        }
        return nil
    }

    func glyphText(_ glyph: UInt32) -> String {
        if glyph == Cell.wideTail { return "" }
        if glyph >= Cell.clusterBase { return clusters[Int(glyph - Cell.clusterBase)] }
        return Unicode.Scalar(glyph).map { String(Character($0)) } ?? "\u{FFFD}"
    }

    func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    // MARK: writing

    /// Replaces every glyph outside ASCII, for terminals whose locale is not UTF-8 (or `--ascii`):
    /// the screen's own symbols get look-alikes, anything else (untrusted text included) a `?` per column.
    public mutating func makeASCII() {
        for index in cells.indices {
            let glyph = cells[index].glyph
            guard glyph >= 0x80 else { continue }
            if glyph == Cell.wideTail { cells[index].glyph = UInt32(UInt8(ascii: "?")); continue }
            cells[index].glyph = Self.asciiLookalikes[glyph] ?? UInt32(UInt8(ascii: "?"))
        }
    }

    static let asciiLookalikes: [UInt32: UInt32] = {
        let pairs: [(Unicode.Scalar, Unicode.Scalar)] = [
            ("·", "."), ("…", "~"), ("◀", "<"), ("▶", ">"), ("●", "*"), ("↑", "^"), ("↓", "v"), ("→", "-"),
            ("←", "<"), ("─", "-"), ("│", "|"), ("━", "="), ("┃", "#"), ("█", "#"), ("▼", "v"), ("×", "x"),
        ]
        return Dictionary(pairs.map { ($0.0.value, $0.1.value) }, uniquingKeysWith: { first, _ in first })
    }()

    /// Writes `text` from (x, y) on one line, at most `maxWidth` columns; returns the columns used.
    /// Text must already be escaped; a control character that slips through is dropped or becomes U+FFFD.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < height, x < width, maxWidth > 0 else { return 0 }
        let limit = min(width, x &+ min(maxWidth, width))
        var column = x
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                guard column < limit else { break }
                if column >= 0 { setGlyph(UInt32(byte), wide: false, x: column, y: y, style: style) }
                column += 1
            }
            return column - x
        }
        if CharacterWidth.isSimple(text) {
            for scalar in text.unicodeScalars {
                let columns = CharacterWidth.of(scalar)
                guard place(scalar.value, columns: columns, column: &column, limit: limit, y: y, style: style) else { break }
            }
        } else {
            for character in text.flatMap({ CharacterWidth.replacement(for: $0) ?? [$0] }) {
                let columns = CharacterWidth.of(character)
                if columns == 0 { continue }
                guard place(glyph(for: character), columns: columns, column: &column, limit: limit, y: y, style: style)
                else { break }
            }
        }
        return column - x
    }

    /// Places one glyph of `columns` width at `column` if it fits before `limit` (else blanks what
    /// is left); returns whether layout goes on.
    mutating func place(_ glyph: UInt32, columns: Int, column: inout Int, limit: Int, y: Int, style: Style) -> Bool {
        guard column + columns <= limit else {
            if column < limit, column >= 0 { setGlyph(Cell.space, wide: false, x: column, y: y, style: style) }
            column = limit
            return false
        }
        if column >= 0 { setGlyph(sanitized(glyph), wide: columns == 2, x: column, y: y, style: style) }
        column += columns
        return true
    }

    /// Writes one glyph (a single-column or double-column character) at (x, y).
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style) {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first { return put(scalar, x: x, y: y, style: style) }
        put(String(character), x: x, y: y, style: style, maxWidth: 2)
    }

    /// Writes one scalar at (x, y): the quick way for borders, bars and chart dots.
    public mutating func put(_ scalar: Unicode.Scalar, x: Int, y: Int, style: Style) {
        guard y >= 0, y < height, x >= 0, x < width else { return }
        var column = x
        _ = place(scalar.value, columns: max(1, CharacterWidth.of(scalar)), column: &column, limit: width, y: y, style: style)
    }

    /// Fills a rectangle with one single-column scalar.
    public mutating func fill(_ rect: Rect, with scalar: Unicode.Scalar = " ", style: Style) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        let glyph = sanitized(scalar.value)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { setGlyph(glyph, wide: false, x: x, y: y, style: style) }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the glyphs.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { change(&cells[y * width + x].style) }
        }
    }

    mutating func glyph(for character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first { return sanitized(only.value) }
        if scalars.contains(where: { sanitized($0.value) != $0.value }) { return 0xFFFD }
        clusters.append(String(character))
        return Cell.clusterBase + UInt32(clusters.count - 1)
    }

    /// The last line of defence: a control character never reaches a cell.
    func sanitized(_ value: UInt32) -> UInt32 {
        value < 0x20 || (value >= 0x7F && value < 0xA0) ? 0xFFFD : value
    }

    /// Sets one cell, repairing any wide glyph it cuts in half.
    mutating func setGlyph(_ glyph: UInt32, wide: Bool, x: Int, y: Int, style: Style) {
        let index = y * width + x
        if cells[index].isWideTail, x > 0 { cells[index - 1].glyph = Cell.space }
        let span = wide && x + 1 < width ? 2 : 1
        let after = index + span
        if x + span < width, cells[after].isWideTail { cells[after].glyph = Cell.space }
        cells[index] = Cell(glyph: wide && span == 1 ? Cell.space : glyph, style: style)
        if span == 2 { cells[index + 1] = Cell(glyph: Cell.wideTail, style: style) }
    }
}

extension Buffer: CustomStringConvertible {
    /// The rows as text, one a line: what a test failure shows.
    public var description: String { "\n" + lines.joined(separator: "\n") }
}
