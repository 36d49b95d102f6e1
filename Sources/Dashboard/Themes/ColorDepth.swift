/// How many colours the terminal can show.
public enum ColorDepth: String, Sendable, Equatable, CaseIterable {
    /// No colour at all (`NO_COLOR`, or a monochrome terminal): attributes only.
    case none
    case ansi16
    case ansi256
    case truecolor
}

/// A colour the terminal layer can hand to ncurses.
public enum TerminalColor: Equatable, Hashable, Sendable {
    /// The terminal's own default (ncurses -1).
    case terminalDefault
    case index(Int)
    case rgb(UInt8, UInt8, UInt8)
}

extension ThemeColor {
    /// This colour as the best the terminal can show.
    public func resolved(for depth: ColorDepth) -> TerminalColor {
        switch (self, depth) {
        case (_, .none), (.terminalDefault, _): return .terminalDefault
        case (.rgb(let r, let g, let b), .truecolor): return .rgb(r, g, b)
        case (.rgb(let r, let g, let b), .ansi256): return .index(Palette256.nearest256(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16): return .index(Palette256.nearest16(r, g, b))
        case (.indexed(let n), .ansi16) where n >= 16:
            let (r, g, b) = Palette256.rgb(Int(n))
            return .index(Palette256.nearest16(r, g, b))
        case (.indexed(let n), _): return .index(Int(n))
        }
    }
}

/// The xterm 256-colour palette, and nearest-colour lookups into it.
public enum Palette256 {
    /// The 16 ANSI colours as xterm draws them.
    static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of palette entry `index` (0-255).
    public static func rgb(_ index: Int) -> (UInt8, UInt8, UInt8) {
        switch index {
        case ..<16: return ansi[max(0, index)]
        case 16..<232:
            let n = index - 16
            return (UInt8(cubeLevels[n / 36]), UInt8(cubeLevels[n / 6 % 6]), UInt8(cubeLevels[n % 6]))
        default:
            let level = UInt8(8 + 10 * (min(index, 255) - 232))
            return (level, level, level)
        }
    }

    /// The nearest entry of the 6x6x6 cube or the grey ramp (16-255).
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        nearest(r, g, b, among: 16..<256)
    }

    /// The nearest of the 16 ANSI colours.
    public static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        nearest(r, g, b, among: 0..<16)
    }

    static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among candidates: Range<Int>) -> Int {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for index in candidates {
            let (cr, cg, cb) = rgb(index)
            // Weighted for the eye: green counts most, blue least.
            let dr = Int(r) - Int(cr), dg = Int(g) - Int(cg), db = Int(b) - Int(cb)
            let distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db
            if distance < bestDistance { bestDistance = distance; best = index }
        }
        return best
    }
}
