/// A piece of text with one style.
public struct Span: Equatable, Sendable {
    public var text: String
    public var style: Style
    /// How it gives way when its line is too narrow.
    public var fit: Fit
    public init(_ text: String, _ style: Style = .plain, fit: Fit = .cut) {
        self.text = text; self.style = style; self.fit = fit
    }

    /// How a span gives way when its line is too narrow.
    public enum Fit: Equatable, Sendable {
        /// Stays whole while the line has room; where the line runs out it ends in an ellipsis,
        /// never inside a number.
        case cut
        /// Gives up its end to an ellipsis, down to `keeping` columns (0: it may go altogether), so
        /// that the spans after it fit whole: for names and descriptions, never for numbers.
        case shrink(keeping: Int)
        /// Shown whole or not at all, given up after the shrinking spans (a number that matters less).
        case optional
    }
}

/// Styled spans drawn one after another on one row.
public struct Line: Equatable, Sendable {
    public var spans: [Span]
    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, _ style: Style = .plain) { spans = [Span(text, style)] }

    public var width: Int { spans.reduce(0) { $0 + CharacterWidth.of($1.text) } }

    /// Too little room for a shrinking span to say anything but an ellipsis: it goes instead.
    static let shortestShrunk = 4

    /// The spans as they fit in `maxWidth`: shrinking spans give up their ends first, the last of
    /// them first, then optional spans go, the last first, so that the rest (numbers, tags) stays whole.
    public func fitted(to maxWidth: Int) -> [Span] {
        var spans = self.spans
        var excess = width - maxWidth
        for index in spans.indices.reversed() where excess > 0 {
            guard case .shrink(let keeping) = spans[index].fit else { continue }
            let current = CharacterWidth.of(spans[index].text)
            var target = max(min(keeping, current), current - excess)
            if target < Self.shortestShrunk, keeping < Self.shortestShrunk { target = min(target, keeping) }
            guard target < current else { continue }
            spans[index].text = Format.truncate(spans[index].text, to: target)
            excess -= current - CharacterWidth.of(spans[index].text)
        }
        for index in spans.indices.reversed() where excess > 0 && spans[index].fit == .optional {
            excess -= CharacterWidth.of(spans[index].text)
            spans[index].text = ""
        }
        return spans
    }

    /// Draws the spans from (x, y) in at most `maxWidth` columns, fitted as `fitted(to:)` says; where
    /// the row still runs out, the text ends in an ellipsis. Returns the columns used.
    @discardableResult
    public func render(x: Int, y: Int, maxWidth: Int, into buffer: inout Buffer) -> Int {
        var used = 0
        for span in fitted(to: maxWidth) where used < maxWidth {
            let room = maxWidth - used
            let text = CharacterWidth.of(span.text) <= room ? span.text : Format.truncate(span.text, to: room)
            used += buffer.put(text, x: x + used, y: y, style: span.style, maxWidth: room)
            if text != span.text { break }
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
                    var head = Format.prefix(piece, width: width)
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
