/// The one door untrusted text (keys, values, headers, reasons, names) goes through before it
/// reaches a terminal, on the dashboard and on every other output: control characters, escape
/// sequences, invisible characters and invalid UTF-8 come out as visible escapes such as `\x1b`, never raw.
public enum UntrustedText {
    /// Escapes raw bytes: invalid UTF-8 bytes become `\xNN`, C0 controls `\xNN` (or `\n`, `\t`, `\r`),
    /// C1 controls and bidirectional overrides `\u{NN}`, a backslash `\\`.
    public static func escape(_ bytes: some Collection<UInt8>) -> String {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        var decoder = LenientUTF8Decoder(bytes: Array(bytes))
        while let piece = decoder.next() {
            switch piece {
            case .invalid(let byte): out += hexByte(byte)
            case .scalar(let scalar): appendEscaped(scalar, to: &out)
            }
        }
        return out
    }

    /// Escapes a string that came from outside (names, reasons): the same rules as for bytes.
    public static func escape(_ text: String) -> String { escape(text.utf8) }

    /// Makes finished output text safe to print: the same rules as `escape`, except that line breaks
    /// stay line breaks and backslashes stay single, so text whose values were escaped already reads
    /// the same. The command line's last line of defence, for text that mixes its own words with values.
    public static func terminalSafe(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 == 0x0A }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\\" { out.unicodeScalars.append(scalar) } else { appendEscaped(scalar, to: &out) }
        }
        return out
    }

    static func appendEscaped(_ scalar: Unicode.Scalar, to out: inout String) {
        let value = scalar.value
        switch value {
        case 0x09: out += "\\t"
        case 0x0A: out += "\\n"
        case 0x0D: out += "\\r"
        case 0x5C: out += "\\\\"
        case 0..<0x20, 0x7F: out += hexByte(UInt8(value))
        default:
            if needsEscape(value) {
                out += "\\u{" + String(value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Scalars that move the cursor, reorder text or take no visible space, so that two different
    /// names could look alike: C1 controls, line/paragraph separators, bidirectional controls, and
    /// the invisible format characters (zero-width space and joiners, word joiner, soft hyphen,
    /// byte-order mark, fillers, tags). A zero-width joiner shown escaped also splits an emoji
    /// sequence into emoji every terminal draws at the same width. Variation selectors stay: they
    /// only choose how the character before them looks.
    public static func needsEscape(_ value: UInt32) -> Bool {
        guard value >= 0x80 else { return value < 0x20 || value == 0x7F }
        if value <= 0x9F || value == 0xAD || value == 0x034F || value == 0x061C { return true }
        if value < 0x115F { return false }
        switch value {
        case 0x115F...0x1160, 0x17B4...0x17B5, 0x180B...0x180F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F,
             0x3164, 0xFEFF, 0xFFA0, 0xFFF0...0xFFFB, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE00FF:
            return true
        default:
            return false
        }
    }

    static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }
}

/// Decodes UTF-8 one scalar at a time, reporting each byte that is not part of a valid sequence.
public struct LenientUTF8Decoder {
    public enum Piece: Equatable { case scalar(Unicode.Scalar), invalid(UInt8) }
    let bytes: [UInt8]
    public var index = 0
    public init(bytes: [UInt8]) { self.bytes = bytes }

    public mutating func next() -> Piece? {
        guard index < bytes.count else { return nil }
        let lead = bytes[index]
        if lead < 0x80 { index += 1; return .scalar(Unicode.Scalar(lead)) }
        let (length, minimum): (Int, UInt32)
        switch lead {
        case 0xC2...0xDF: (length, minimum) = (2, 0x80)
        case 0xE0...0xEF: (length, minimum) = (3, 0x800)
        case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
        default: index += 1; return .invalid(lead)
        }
        guard index + length <= bytes.count else { index += 1; return .invalid(lead) }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { index += 1; return .invalid(lead) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { index += 1; return .invalid(lead) }
        index += length
        return .scalar(scalar)
    }

    /// The line (from 1) of the first byte that is not part of valid UTF-8, or nil when all of it is valid:
    /// what an error about a file that is not text should point at.
    public static func lineOfFirstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var decoder = LenientUTF8Decoder(bytes: bytes)
        var line = 1
        while let piece = decoder.next() {
            switch piece {
            case .invalid: return line
            case .scalar(let scalar): if scalar == "\n" { line += 1 }
            }
        }
        return nil
    }
}
