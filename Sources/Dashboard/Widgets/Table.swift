/// One column of a table: a header, how wide, which side it aligns to, and when it gives way.
public struct Column {
    public var header: String
    public var width: SizeConstraint
    /// Right-aligned columns hold numbers: they widen to the widest number on screen rather than cut it.
    public var alignRight: Bool
    /// When the table is too narrow for every column, those with a drop rank go, lowest rank first;
    /// nil: the column always stays.
    public var dropRank: Int?
    /// The least a `.fill` column needs to say anything.
    public var minimumWidth: Int
    public init(_ header: String, _ width: SizeConstraint, alignRight: Bool = false, dropRank: Int? = nil,
                minimumWidth: Int = 6) {
        self.header = header; self.width = width; self.alignRight = alignRight
        self.dropRank = dropRank; self.minimumWidth = minimumWidth
    }

    /// The columns it takes before fill columns share what is left.
    var fixedWidth: Int {
        switch width {
        case .length(let n): n
        case .percent, .fill: minimumWidth
        }
    }
}

/// What one table cell shows: text, or a small widget drawn into the cell's rectangle.
public enum TableCell {
    case text(String, Style)
    case draw((inout Buffer, Rect) -> Void)

    public static func plain(_ text: String) -> TableCell { .text(text, .plain) }
    public static func muted(_ text: String) -> TableCell { .text(text, .muted) }
}

/// One row of a table: cells under the columns, or one line across them all (a section heading).
/// `emphasis` overrides the text cells' look (a highlighted row).
public struct TableRow {
    public var cells: [TableCell]
    public var spanning: Line?
    public var emphasis: Style?
    public init(_ cells: [TableCell], emphasis: Style? = nil) { self.cells = cells; self.emphasis = emphasis }
    public init(spanning line: Line) { cells = []; spanning = line }
}

/// Rows under a header, with one selected row kept in view. Rows are built on demand, so a
/// long list costs only the rows that show.
public struct Table {
    public var columns: [Column]
    public var rowCount: Int
    public var row: (Int) -> TableRow
    public var selected: Int?
    public var glyphs: Glyphs
    /// Where "first-last/count" goes when not every row fits: the row just below the table
    /// (a panel's bottom border) by default.
    public var positionRow: Int?
    public init(columns: [Column], rowCount: Int, selected: Int? = nil, glyphs: Glyphs, row: @escaping (Int) -> TableRow) {
        self.columns = columns; self.rowCount = rowCount; self.row = row; self.selected = selected; self.glyphs = glyphs
    }

    /// A table over any collection of rows; a lazy one builds only the rows that show.
    public init<Rows: RandomAccessCollection>(columns: [Column], rows: Rows, selected: Int? = nil, glyphs: Glyphs)
        where Rows.Element == TableRow, Rows.Index == Int {
        self.init(columns: columns, rowCount: rows.count, selected: selected, glyphs: glyphs) { rows[rows.startIndex + $0] }
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard area.height > 0, area.width > 0 else { return }
        let visible = area.height - 1
        let first = Self.firstVisibleRow(selected: selected, count: rowCount, visible: max(0, visible))
        let shown = (first..<min(rowCount, first + max(0, visible))).map { (index: $0, row: row($0)) }
        let kept = Self.keptColumns(widenedToFit(shown.map(\.row)), width: area.width)
        let gaps = max(0, kept.count - 1)
        let widths = SizeConstraint.resolve(kept.map(\.column.width), total: max(0, area.width - gaps))
        var lefts: [Int] = []
        var left = area.x
        for width in widths { lefts.append(left); left += width + 1 }
        for (slot, (_, column)) in kept.enumerated() where widths[slot] > 0 {
            buffer.put(Format.pad(column.header, to: widths[slot], alignRight: column.alignRight),
                       x: lefts[slot], y: area.y, style: Style(.muted, attributes: .underline))
        }
        guard visible > 0 else { return }
        for (index, row) in shown {
            let y = area.y + 1 + index - first
            if let line = row.spanning { line.render(x: area.x, y: y, maxWidth: area.width, into: &buffer) }
            for (slot, (columnIndex, column)) in kept.enumerated() where columnIndex < row.cells.count && widths[slot] > 0 {
                let rect = Rect(x: lefts[slot], y: y, width: widths[slot], height: 1)
                switch row.cells[columnIndex] {
                case .text(let text, let style):
                    buffer.put(Format.pad(text, to: rect.width, alignRight: column.alignRight),
                               x: rect.x, y: y, style: row.emphasis ?? style)
                case .draw(let draw):
                    draw(&buffer, rect)
                }
            }
            if selected == index {
                buffer.restyle(Rect(x: area.x, y: y, width: area.width, height: 1)) { $0.attributes.insert(.reverse) }
            }
        }
        if rowCount > visible {
            let marker = " \(first + 1)-\(min(rowCount, first + visible)) of \(rowCount) "
            buffer.put(marker, x: area.maxX - CharacterWidth.of(marker) - 1, y: positionRow ?? area.maxY, style: .muted)
        }
    }

    /// The columns, each fixed-width number column widened to the widest text it shows in `rows`.
    func widenedToFit(_ rows: [TableRow]) -> [Column] {
        columns.enumerated().map { index, column in
            guard column.alignRight, case .length(let length) = column.width else { return column }
            let widest = rows.reduce(length) { widest, row in
                guard index < row.cells.count, case .text(let text, _) = row.cells[index] else { return widest }
                return max(widest, CharacterWidth.of(text))
            }
            var widened = column
            widened.width = .length(widest)
            return widened
        }
    }

    /// The columns that fit in `width` with their indexes: those with a drop rank go, lowest first,
    /// until the rest fit.
    static func keptColumns(_ columns: [Column], width: Int) -> [(index: Int, column: Column)] {
        var kept = Array(columns.enumerated()).map { (index: $0.offset, column: $0.element) }
        func needed() -> Int { kept.reduce(max(0, kept.count - 1)) { $0 + $1.column.fixedWidth } }
        while needed() > width {
            let ranked = kept.indices.compactMap { slot in kept[slot].column.dropRank.map { (slot: slot, rank: $0) } }
            guard let lowest = ranked.min(by: { $0.rank < $1.rank }) else { break }
            kept.remove(at: lowest.slot)
        }
        return kept
    }

    /// The first row to draw so that the selected row is visible.
    static func firstVisibleRow(selected: Int?, count: Int, visible: Int) -> Int {
        guard let selected, count > visible else { return 0 }
        return max(0, min(selected - visible / 2, count - visible))
    }
}
