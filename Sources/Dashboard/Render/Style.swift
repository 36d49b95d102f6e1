/// A semantic colour: what a cell means, not which colour it is. Themes map roles to colours.
public struct ColorRole: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let background = ColorRole(rawValue: 0)
    public static let foreground = ColorRole(rawValue: 1)
    public static let muted = ColorRole(rawValue: 2)
    public static let border = ColorRole(rawValue: 3)
    public static let borderFocused = ColorRole(rawValue: 4)
    public static let title = ColorRole(rawValue: 5)
    public static let accent = ColorRole(rawValue: 6)
    public static let ok = ColorRole(rawValue: 7)
    public static let warn = ColorRole(rawValue: 8)
    public static let error = ColorRole(rawValue: 9)

    /// How many steps a chart gradient has; themes resample their `gradient` list to this.
    public static let gradientSteps = 8
    static let firstGradient: UInt8 = 16

    /// Step `level` (clamped to 0..<gradientSteps) of the chart gradient, low to high.
    public static func gradient(_ level: Int) -> ColorRole {
        ColorRole(rawValue: firstGradient + UInt8(max(0, min(gradientSteps - 1, level))))
    }

    /// The gradient step for a fraction in 0...1.
    public static func gradient(fraction: Double) -> ColorRole {
        guard fraction.isFinite else { return gradient(0) }
        return gradient(Int(fraction * Double(gradientSteps - 1) + 0.5))
    }

    /// Which gradient step this role is, or nil for a named slot.
    public var gradientLevel: Int? {
        rawValue >= Self.firstGradient ? Int(rawValue - Self.firstGradient) : nil
    }

    /// Named slots in theme-file order (the keys a theme defines, besides `gradient`).
    public static let namedSlots: [(key: String, role: ColorRole)] = [
        ("background", .background), ("foreground", .foreground), ("muted", .muted), ("border", .border),
        ("border_focused", .borderFocused), ("title", .title), ("accent", .accent), ("ok", .ok),
        ("warn", .warn), ("error", .error),
    ]

    /// Every role a buffer may carry: the named slots and each gradient step.
    public static let allRoles: [ColorRole] = namedSlots.map(\.role) + (0..<gradientSteps).map { gradient($0) }

    public var description: String {
        if let level = gradientLevel { return "gradient\(level)" }
        return Self.namedSlots.first { $0.role == self }?.key ?? "role\(rawValue)"
    }
}

/// Text attributes a cell may carry besides colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
}

/// The look of one cell: a foreground role, a background role and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: ColorRole
    public var background: ColorRole
    public var attributes: TextAttributes
    public init(_ foreground: ColorRole = .foreground, background: ColorRole = .background,
                attributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
    public static let plain = Style()
    public static let muted = Style(.muted)
    public static let title = Style(.title, attributes: .bold)
    public static let accent = Style(.accent)
    public static let ok = Style(.ok)
    public static let warn = Style(.warn)
    public static let error = Style(.error)
    /// The look of a selected row: reversed, so it reads in every theme and without colour.
    public static let selected = Style(.accent, attributes: .reverse)

    public func with(_ attributes: TextAttributes) -> Style {
        var copy = self; copy.attributes.formUnion(attributes); return copy
    }
}
