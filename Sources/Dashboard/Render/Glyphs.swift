/// The drawing characters a frame uses: Unicode box drawing and braille, or plain ASCII
/// when the locale is not UTF-8 (or `--ascii`).
public struct Glyphs: Sendable, Equatable {
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: Unicode.Scalar
    public var focusedHorizontal, focusedVertical: Unicode.Scalar
    public var focusedTopLeft, focusedTopRight, focusedBottomLeft, focusedBottomRight: Unicode.Scalar
    /// Eighths of a block, from one eighth to full, for bars and gauges.
    public var barEighths: [Unicode.Scalar]
    public var barEmpty: Unicode.Scalar
    public var marker: Unicode.Scalar
    public var ellipsis: Unicode.Scalar
    public var growing: Unicode.Scalar
    public var draining: Unicode.Scalar
    public var steady: Unicode.Scalar
    public var bullet: Unicode.Scalar
    public var selectedPrefix: Unicode.Scalar
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
