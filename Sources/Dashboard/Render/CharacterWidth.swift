/// How many terminal columns text takes: wide East Asian and emoji take two, combining marks none.
public enum CharacterWidth {
    /// Columns one grapheme cluster occupies (0, 1 or 2).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let base = of(first)
        // An emoji presentation selector turns a narrow symbol (❤) into a wide emoji.
        if base == 1, scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }),
           first.properties.isEmoji {
            return 2
        }
        return base
    }

    /// The characters to draw instead of `character` when terminals disagree on its width, else nil.
    /// A sequence joined by zero-width joiners (a family emoji) is one glyph of 2 columns on some
    /// terminals and its parts side by side (6) on others; a skin-tone modifier likewise adds 2
    /// columns or none. Drawn as its parts without the joiners and modifiers, it is as wide everywhere.
    public static func replacement(for character: Character) -> [Character]? {
        let scalars = character.unicodeScalars
        guard scalars.count > 1, scalars.contains(where: { $0.value == 0x200D || isEmojiModifier($0.value) }) else {
            return nil
        }
        var parts = String.UnicodeScalarView()
        for scalar in scalars where scalar.value != 0x200D && !isEmojiModifier(scalar.value) { parts.append(scalar) }
        return Array(String(parts))
    }

    static func isEmojiModifier(_ value: UInt32) -> Bool { (0x1F3FB...0x1F3FF).contains(value) }

    /// Columns one scalar occupies on its own.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x10000 { return Int(basicPlane[Int(value)]) }
        return computed(scalar)
    }

    /// Widths of the Basic Multilingual Plane, worked out once: Unicode property lookups are too
    /// slow to repeat for every cell of every frame.
    static let basicPlane: [UInt8] = (0..<0x10000).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return 1 }
        return UInt8(computed(scalar))
    }

    static func computed(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 || (value >= 0x7F && value < 0xA0) ? 0 : 1 }
        if isZeroWidth(scalar) { return 0 }
        return isWide(value) || scalar.properties.isEmojiPresentation ? 2 : 1
    }

    /// Whether every scalar of `text` is its own grapheme cluster with a width of 1 or 2, so it
    /// can be laid out scalar by scalar (true for nearly all text but emoji sequences and marks).
    static func isSimple(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x10000 && $0.value != 0x0D && basicPlane[Int($0.value)] != 0 }
    }

    /// Columns a whole string occupies.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        if isSimple(text) { return text.unicodeScalars.reduce(0) { $0 + Int(basicPlane[Int($1.value)]) } }
        return text.reduce(0) { total, character in
            total + (replacement(for: character)?.reduce(0) { $0 + of($1) } ?? of(character))
        }
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: break
        }
        let value = scalar.value
        // Hangul medial vowels and final consonants join the preceding syllable.
        return (0x1160...0x11FF).contains(value) || value == 0x200B
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15), as terminals' wcwidth tables have them.
    static func isWide(_ value: UInt32) -> Bool {
        for range in wideRanges where range.contains(value) { return true }
        return false
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
        0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
