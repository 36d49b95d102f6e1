/// One column of a table: a header, how wide, which side it aligns to.
public struct Column {
    public var header: String
    public var width: SizeConstraint
    public var alignRight: Bool
    public init(_ header: String, _ width: SizeConstraint, alignRight: Bool = false) {
        self.header = header; self.width = width; self.alignRight = alignRight
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
        let gaps = max(0, columns.count - 1)
        let widths = SizeConstraint.resolve(columns.map(\.width), total: max(0, area.width - gaps))
        var lefts: [Int] = []
        var left = area.x
        for width in widths { lefts.append(left); left += width + 1 }
        for (index, column) in columns.enumerated() where widths[index] > 0 {
            buffer.put(Format.pad(column.header, to: widths[index], alignRight: column.alignRight),
                       x: lefts[index], y: area.y, style: Style(.muted, attributes: .underline))
        }
        let visible = area.height - 1
        guard visible > 0 else { return }
        let first = Self.firstVisibleRow(selected: selected, count: rowCount, visible: visible)
        for index in first..<min(rowCount, first + visible) {
            let row = self.row(index)
            let y = area.y + 1 + index - first
            let isSelected = selected == index
            if let line = row.spanning { line.render(x: area.x, y: y, maxWidth: area.width, into: &buffer) }
            for (index, cell) in row.cells.enumerated() where index < columns.count && widths[index] > 0 {
                let rect = Rect(x: lefts[index], y: y, width: widths[index], height: 1)
                switch cell {
                case .text(let text, let style):
                    buffer.put(Format.pad(text, to: rect.width, alignRight: columns[index].alignRight),
                               x: rect.x, y: y, style: row.emphasis ?? style)
                case .draw(let draw):
                    draw(&buffer, rect)
                }
            }
            if isSelected {
                buffer.restyle(Rect(x: area.x, y: y, width: area.width, height: 1)) { $0.attributes.insert(.reverse) }
            }
        }
        if rowCount > visible {
            let marker = " \(first + 1)-\(min(rowCount, first + visible)) of \(rowCount) "
            buffer.put(marker, x: area.maxX - CharacterWidth.of(marker) - 1, y: positionRow ?? area.maxY, style: .muted)
        }
    }

    /// The first row to draw so that the selected row is visible.
    static func firstVisibleRow(selected: Int?, count: Int, visible: Int) -> Int {
        guard let selected, count > visible else { return 0 }
        return max(0, min(selected - visible / 2, count - visible))
    }
}
