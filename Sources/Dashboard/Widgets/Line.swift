/// A piece of text with one style.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }
}

/// Styled spans drawn one after another on one row.
public struct Line: Equatable, Sendable {
    public var spans: [Span]
    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, _ style: Style = .plain) { spans = [Span(text, style)] }

    public var width: Int { spans.reduce(0) { $0 + CharacterWidth.of($1.text) } }

    /// Draws the spans from (x, y), clipped to `maxWidth`; returns the columns used.
    @discardableResult
    public func render(x: Int, y: Int, maxWidth: Int, into buffer: inout Buffer) -> Int {
        var used = 0
        for span in spans where used < maxWidth {
            used += buffer.put(span.text, x: x + used, y: y, style: span.style, maxWidth: maxWidth - used)
        }
        return used
    }
}

/// Lines of text in a rectangle, from a scroll offset; long lines are cut, not wrapped.
public struct Paragraph {
    public var lines: [Line]
    public var scroll: Int
    public init(lines: [Line], scroll: Int = 0) { self.lines = lines; self.scroll = scroll }

    public func render(_ area: Rect, into buffer: inout Buffer) {
        let first = max(0, min(scroll, lines.count - 1))
        for (row, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            line.render(x: area.x, y: area.y + row, maxWidth: area.width, into: &buffer)
        }
    }

    /// `text` broken into lines of at most `width` columns, at spaces where it can be.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var currentWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var piece = String(word)
                var pieceWidth = CharacterWidth.of(piece)
                if currentWidth > 0, currentWidth + 1 + pieceWidth > width {
                    lines.append(current); current = ""; currentWidth = 0
                }
                while pieceWidth > width {
                    var head = Format.truncate(piece, to: width + 1, ellipsis: " ").dropLast()
                    if head.isEmpty { head = piece.prefix(1) }
                    if currentWidth > 0 { lines.append(current); current = ""; currentWidth = 0 }
                    lines.append(String(head))
                    piece = String(piece.dropFirst(head.count))
                    pieceWidth = CharacterWidth.of(piece)
                }
                if currentWidth > 0 { current += " "; currentWidth += 1 }
                current += piece
                currentWidth += pieceWidth
            }
            lines.append(current)
        }
        return lines
    }
}
