/// A colour as a theme file writes it.
public enum ThemeColor: Equatable, Hashable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)
    /// An index into the xterm 256-colour palette.
    case indexed(UInt8)
}

/// A colour theme: one colour per semantic slot, and a gradient for charts.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var description: String
    public var slots: [ColorRole: ThemeColor]
    /// Low to high; resampled to `ColorRole.gradientSteps` steps.
    public var gradient: [ThemeColor]
    public init(name: String, description: String = "", slots: [ColorRole: ThemeColor], gradient: [ThemeColor]) {
        self.name = name; self.description = description; self.slots = slots; self.gradient = gradient
    }

    /// The colour a role shows in.
    public func color(_ role: ColorRole) -> ThemeColor {
        if let level = role.gradientLevel {
            guard !gradient.isEmpty else { return slots[.accent] ?? .terminalDefault }
            let index = gradient.count == 1 ? 0
                : (level * (gradient.count - 1) + (ColorRole.gradientSteps - 1) / 2) / (ColorRole.gradientSteps - 1)
            return gradient[min(gradient.count - 1, index)]
        }
        return slots[role] ?? .terminalDefault
    }

    /// A theme that needs no file: the terminal's own colours (used when nothing else loads).
    public static let fallback = Theme(
        name: "fallback", description: "the terminal's own colours",
        slots: [.background: .terminalDefault, .foreground: .terminalDefault, .muted: .indexed(8), .border: .indexed(8),
                .borderFocused: .indexed(14), .title: .indexed(15), .accent: .indexed(14), .ok: .indexed(10),
                .warn: .indexed(11), .error: .indexed(9)],
        gradient: [.indexed(12), .indexed(14), .indexed(10), .indexed(11), .indexed(9)])
}
