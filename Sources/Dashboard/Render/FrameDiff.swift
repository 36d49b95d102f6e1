/// A stretch of cells on one row that share a style and must be written to the terminal.
public struct Run: Equatable, Sendable {
    public var x: Int
    public var y: Int
    /// The glyphs to write, wide ones once each.
    public var text: String
    public var style: Style
    /// Columns the run covers.
    public var columns: Int
}

/// What changed between two frames, as runs to write: the terminal flushes only these.
public enum FrameDiff {
    /// The runs that turn `previous` into `next`; every cell when there is no previous frame
    /// (or its size differs). An unchanged frame gives no runs.
    ///
    /// A run ends after a wide glyph or cluster, so the terminal re-positions the cursor
    /// even if its idea of that glyph's width differs from ours.
    public static func runs(from previous: Buffer?, to next: Buffer) -> [Run] {
        let old = previous.flatMap { $0.width == next.width && $0.height == next.height ? $0 : nil }
        var runs: [Run] = []
        let oldCells = old?.cells ?? []
        oldCells.withUnsafeBufferPointer { oldCells in
        next.cells.withUnsafeBufferPointer { newCells in
            for y in 0..<next.height {
                let rowStart = y * next.width
                var current: Run?
                var x = 0
                while x < next.width {
                    let index = rowStart + x
                    let cell = newCells[index]
                    let wide = x + 1 < next.width && newCells[index + 1].isWideTail
                    let span = wide ? 2 : 1
                    if let old, !changed(oldCells, newCells, old, next, at: index, span: span) || cell.isWideTail {
                        if !cell.isWideTail, let run = current { runs.append(run); current = nil }
                        x += 1
                        continue
                    }
                    if cell.isWideTail { x += 1; continue }
                    let text = next.glyphText(cell.glyph)
                    if var run = current, run.style == cell.style {
                        run.text += text
                        run.columns += span
                        current = run
                    } else {
                        if let run = current { runs.append(run) }
                        current = Run(x: x, y: y, text: text, style: cell.style, columns: span)
                    }
                    if wide || cell.isCluster, let run = current { runs.append(run); current = nil }
                    x += span
                }
                if let run = current { runs.append(run) }
            }
        }
        }
        return runs
    }

    static func changed(_ oldCells: UnsafeBufferPointer<Cell>, _ newCells: UnsafeBufferPointer<Cell>,
                        _ old: Buffer, _ new: Buffer, at index: Int, span: Int) -> Bool {
        for i in index..<(index + span) {
            let a = oldCells[i], b = newCells[i]
            if a.style != b.style { return true }
            if a.glyph == b.glyph, !a.isCluster { continue }
            if a.isCluster, b.isCluster, old.glyphText(a.glyph) == new.glyphText(b.glyph) { continue }
            return true
        }
        return false
    }

    /// Bytes a list of runs puts on the wire as text (cursor moves and colours not counted).
    public static func textBytes(_ runs: [Run]) -> Int { runs.reduce(0) { $0 + $1.text.utf8.count } }
}
