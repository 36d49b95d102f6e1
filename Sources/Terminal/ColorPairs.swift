import CNcurses
import Dashboard

/// Turns a cell style into ncurses attributes and a colour pair, allocating pairs from the
/// theme's roles as they are first used.
struct ColorPairs {
    let theme: Theme
    let depth: ColorDepth
    /// Colours ncurses can address (8 on the oldest terminals).
    let terminalColors: Int
    private var pairs: [Int: Int32] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32

    init(theme: Theme, depth: ColorDepth) {
        self.theme = theme
        self.depth = depth
        terminalColors = Int(sluice_colors())
        maxPairs = sluice_color_pairs()
    }

    /// The attributes and pair for a style.
    mutating func attributes(for style: Style) -> (attr: attr_t, pair: Int32) {
        var attr = sluice_a_normal()
        var attributes = style.attributes
        if depth == .none { attributes.formUnion(Self.monochromeAttributes(style.foreground)) }
        if attributes.contains(.bold) { attr |= sluice_a_bold() }
        if attributes.contains(.dim) { attr |= sluice_a_dim() }
        if attributes.contains(.reverse) { attr |= sluice_a_reverse() }
        if attributes.contains(.underline) { attr |= sluice_a_underline() }
        guard depth != .none else { return (attr, 0) }
        let key = Int(style.foreground.rawValue) << 8 | Int(style.background.rawValue)
        if let pair = pairs[key] { return (attr, pair) }
        guard nextPair < maxPairs else { return (attr, 0) }
        let pair = nextPair
        nextPair += 1
        init_extended_pair(pair, number(theme.color(style.foreground)), number(theme.color(style.background)))
        pairs[key] = pair
        return (attr, pair)
    }

    /// Without colour, meaning rides on attributes: errors and titles bold, muted text dim.
    static func monochromeAttributes(_ role: ColorRole) -> TextAttributes {
        switch role {
        case .error, .title, .borderFocused: .bold
        case .muted, .border: .dim
        default: []
        }
    }

    /// The ncurses colour number for a theme colour at this depth.
    func number(_ color: ThemeColor) -> Int32 {
        switch color.resolved(for: depth) {
        case .terminalDefault: return -1
        case .index(let index): return Int32(terminalColors < 16 ? index % 8 : min(index, terminalColors - 1))
        case .rgb(let r, let g, let b): return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        }
    }

    /// What the terminal can show: nothing when `NO_COLOR` is set or it has no colours, else by its
    /// colour count. Starts ncurses colour when there is any (COLORS is known only after that).
    static func detectDepth(environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard has_colors() else { return .none }
        start_color()
        use_default_colors()
        let colors = sluice_colors()
        if colors >= 0x100_0000 { return .truecolor }
        if colors >= 256 { return .ansi256 }
        return colors >= 8 ? .ansi16 : .none
    }
}
