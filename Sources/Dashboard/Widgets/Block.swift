/// A bordered box with a title: the frame of every panel and dialog.
public struct Block {
    public var title: String
    /// Shown at the right end of the top border (a hint, a filter, "zoomed").
    public var trailer: String
    public var focused: Bool
    public var glyphs: Glyphs
    public init(title: String, trailer: String = "", focused: Bool = false, glyphs: Glyphs) {
        self.title = title; self.trailer = trailer; self.focused = focused; self.glyphs = glyphs
    }

    /// Draws the border and title; returns the inner area (left as it was: a new frame starts blank,
    /// and dialogs clear their box first).
    @discardableResult
    public func render(_ area: Rect, into buffer: inout Buffer) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let style = focused ? Style(.borderFocused, attributes: .bold) : Style(.border)
        let g = glyphs
        let (h, v) = focused ? (g.focusedHorizontal, g.focusedVertical) : (g.horizontal, g.vertical)
        let corners = focused
            ? (g.focusedTopLeft, g.focusedTopRight, g.focusedBottomLeft, g.focusedBottomRight)
            : (g.topLeft, g.topRight, g.bottomLeft, g.bottomRight)
        for x in (area.x + 1)..<(area.maxX - 1) {
            buffer.put(h, x: x, y: area.y, style: style)
            buffer.put(h, x: x, y: area.maxY - 1, style: style)
        }
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.put(v, x: area.x, y: y, style: style)
            buffer.put(v, x: area.maxX - 1, y: y, style: style)
        }
        buffer.put(corners.0, x: area.x, y: area.y, style: style)
        buffer.put(corners.1, x: area.maxX - 1, y: area.y, style: style)
        buffer.put(corners.2, x: area.x, y: area.maxY - 1, style: style)
        buffer.put(corners.3, x: area.maxX - 1, y: area.maxY - 1, style: style)
        let room = area.width - 4
        var used = 0
        if room > 0, !title.isEmpty {
            let titleStyle = focused ? Style(.title, attributes: [.bold, .reverse]) : Style.title
            used = buffer.put(" " + Format.truncate(title, to: room - 2, ellipsis: g.ellipsis) + " ",
                              x: area.x + 2, y: area.y, style: titleStyle)
        }
        let trailerRoom = room - used - 2
        if trailerRoom > 3, !trailer.isEmpty {
            let text = " " + Format.truncate(trailer, to: trailerRoom - 2, ellipsis: g.ellipsis) + " "
            buffer.put(text, x: area.maxX - 2 - CharacterWidth.of(text), y: area.y, style: .muted)
        }
        return area.inset(1)
    }
}
