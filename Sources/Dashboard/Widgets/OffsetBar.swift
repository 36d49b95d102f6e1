import SluiceModel

/// One partition's log as a bar: retained records between log start and log end, the part some
/// group has not committed yet in warning colour, and one marker per group at its committed offset.
public struct OffsetBar {
    public struct Marker {
        public var offset: Int64
        public var symbol: Character
        public var role: ColorRole
        public init(offset: Int64, symbol: Character, role: ColorRole) {
            self.offset = offset; self.symbol = symbol; self.role = role
        }
    }

    /// Offsets the bar's left and right ends stand for (shared by a topic's partitions).
    public var range: ClosedRange<Int64>
    public var logStart: Int64
    public var logEnd: Int64
    public var markers: [Marker]
    public var glyphs: Glyphs
    public init(range: ClosedRange<Int64>, logStart: Int64, logEnd: Int64, markers: [Marker], glyphs: Glyphs) {
        self.range = range; self.logStart = logStart; self.logEnd = logEnd; self.markers = markers; self.glyphs = glyphs
    }

    /// The column (0..<width) that `offset` falls in.
    func column(of offset: Int64, width: Int) -> Int {
        let span = max(1, range.upperBound - range.lowerBound)
        let clamped = max(range.lowerBound, min(range.upperBound, offset))
        return min(width - 1, Int((clamped - range.lowerBound) * Int64(width) / span))
    }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        guard area.width > 0 else { return }
        let start = column(of: logStart, width: area.width)
        let end = logEnd > logStart ? max(start, column(of: logEnd - 1, width: area.width)) : start - 1
        let lowestCommitted = markers.map(\.offset).min() ?? logEnd
        let unconsumedFrom = lowestCommitted < logEnd ? column(of: max(lowestCommitted, logStart), width: area.width) : Int.max
        for x in 0..<area.width {
            let inLog = x >= start && x <= end
            let style: Style = !inLog ? .muted : x >= unconsumedFrom ? .warn : Style(.muted, attributes: .bold)
            buffer.put(inLog ? glyphs.barEighths[7] : glyphs.barEmpty, x: area.x + x, y: area.y, style: style)
        }
        // The furthest-behind group is drawn last, so where markers meet, the one that matters shows.
        for marker in markers.sorted(by: { $0.offset > $1.offset }) {
            buffer.put(marker.symbol, x: area.x + column(of: marker.offset, width: area.width), y: area.y,
                       style: Style(marker.role, attributes: [.bold, .reverse]))
        }
    }
}
