/// The drawing characters a frame uses: Unicode box drawing and braille, or plain ASCII
/// when the locale is not UTF-8 (or `--ascii`).
public struct Glyphs: Sendable, Equatable {
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: Character
    public var focusedHorizontal, focusedVertical: Character
    public var focusedTopLeft, focusedTopRight, focusedBottomLeft, focusedBottomRight: Character
    /// Eighths of a block, from one eighth to full, for bars and gauges.
    public var barEighths: [Character]
    public var barEmpty: Character
    public var marker: Character
    public var ellipsis: Character
    public var growing: Character
    public var draining: Character
    public var steady: Character
    public var bullet: Character
    public var selectedPrefix: Character
    /// Whether sparklines use braille dots (else ASCII levels).
    public var braille: Bool

    public static let unicode = Glyphs(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        focusedHorizontal: "━", focusedVertical: "┃",
        focusedTopLeft: "┏", focusedTopRight: "┓", focusedBottomLeft: "┗", focusedBottomRight: "┛",
        barEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], barEmpty: "·", marker: "▼", ellipsis: "…",
        growing: "↑", draining: "↓", steady: "→", bullet: "●", selectedPrefix: "▶", braille: true)

    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        focusedHorizontal: "=", focusedVertical: "#",
        focusedTopLeft: "#", focusedTopRight: "#", focusedBottomLeft: "#", focusedBottomRight: "#",
        barEighths: ["#", "#", "#", "#", "#", "#", "#", "#"], barEmpty: ".", marker: "v", ellipsis: "~",
        growing: "^", draining: "v", steady: "-", bullet: "*", selectedPrefix: ">", braille: false)

    public static func forMode(ascii: Bool) -> Glyphs { ascii ? .ascii : .unicode }
}
