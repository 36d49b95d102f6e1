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
        let width = next.width
        let oldCells = old?.cells ?? []
        oldCells.withUnsafeBufferPointer { oldCells in
            next.cells.withUnsafeBufferPointer { newCells in
                for y in 0..<next.height {
                    let rowStart = y * width
                    var current: Run?
                    for x in 0..<width {
                        let index = rowStart + x
                        let cell = newCells[index]
                        // A wide glyph's right half is written with its left half.
                        if cell.isWideTail { continue }
                        // Equal cells mean an equal right half too: a glyph's width follows from the glyph.
                        if let old, !changed(oldCells[index], cell, old, next) {
                            if let run = current { runs.append(run); current = nil }
                            continue
                        }
                        let wide = x + 1 < width && newCells[index + 1].isWideTail
                        let span = wide ? 2 : 1
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
                    }
                    if let run = current { runs.append(run) }
                }
            }
        }
        return runs
    }

    @inline(__always)
    static func changed(_ a: Cell, _ b: Cell, _ old: Buffer, _ new: Buffer) -> Bool {
        if a.style != b.style { return true }
        if a.glyph == b.glyph { return a.isCluster && old.glyphText(a.glyph) != new.glyphText(b.glyph) }
        return !(a.isCluster && b.isCluster && old.glyphText(a.glyph) == new.glyphText(b.glyph))
    }

    /// Bytes a list of runs puts on the wire as text (cursor moves and colours not counted).
    public static func textBytes(_ runs: [Run]) -> Int { runs.reduce(0) { $0 + $1.text.utf8.count } }
}
