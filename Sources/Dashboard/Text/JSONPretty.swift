import SluiceModel

/// A tiny JSON reader and pretty-printer for the message inspector (no Foundation).
/// Values that do not parse as JSON are shown escaped as they are.
public enum JSONPretty {
    /// One coloured piece of a pretty-printed line.
    public struct Segment: Equatable, Sendable {
        public var text: String
        public var role: ColorRole
    }

    indirect enum Value {
        case object([(String, Value)])
        case array([Value])
        case string(String)
        case number(String)
        case literal(String)
    }

    /// Nesting deeper than this is not pretty-printed (untrusted input must not exhaust the stack).
    static let maxDepth = 48

    /// The pretty-printed lines of `bytes`, or nil when they are not one JSON value.
    public static func lines(_ bytes: [UInt8], indent: Int = 2) -> [[Segment]]? {
        var parser = Parser(bytes: bytes)
        guard let value = parser.parseDocument() else { return nil }
        var printer = Printer(indent: indent)
        printer.print(value, depth: 0)
        printer.finishLine()
        return printer.lines
    }

    /// The pretty-printed text of `bytes`, one string per line, or nil when not JSON.
    public static func text(_ bytes: [UInt8]) -> [String]? {
        lines(bytes)?.map { $0.map(\.text).joined() }
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func parseDocument() -> Value? {
            guard let value = parseValue(depth: 0) else { return nil }
            skipSpace()
            return index == bytes.count ? value : nil
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func parseValue(depth: Int) -> Value? {
            guard depth < JSONPretty.maxDepth else { return nil }
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return parseObject(depth: depth)
            case UInt8(ascii: "["): return parseArray(depth: depth)
            case UInt8(ascii: "\""): return parseString().map(Value.string)
            case UInt8(ascii: "t"): return parseLiteral("true")
            case UInt8(ascii: "f"): return parseLiteral("false")
            case UInt8(ascii: "n"): return parseLiteral("null")
            default: return parseNumber()
            }
        }

        mutating func parseObject(depth: Int) -> Value? {
            index += 1
            var members: [(String, Value)] = []
            skipSpace()
            if consume("}") { return .object(members) }
            repeat {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = parseString() else { return nil }
                skipSpace()
                guard consume(":"), let value = parseValue(depth: depth + 1) else { return nil }
                members.append((key, value))
                skipSpace()
            } while consume(",")
            return consume("}") ? .object(members) : nil
        }

        mutating func parseArray(depth: Int) -> Value? {
            index += 1
            var elements: [Value] = []
            skipSpace()
            if consume("]") { return .array(elements) }
            repeat {
                guard let value = parseValue(depth: depth + 1) else { return nil }
                elements.append(value)
                skipSpace()
            } while consume(",")
            return consume("]") ? .array(elements) : nil
        }

        mutating func consume(_ ascii: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii.value) else { return false }
            index += 1
            return true
        }

        mutating func parseLiteral(_ word: String) -> Value? {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected
            else { return nil }
            index += expected.count
            return .literal(word)
        }

        mutating func parseNumber() -> Value? {
            let start = index
            _ = consume("-")
            if consume("0") {
                if index < bytes.count, (0x30...0x39).contains(bytes[index]) { return nil }
            } else if digits() == 0 {
                return nil
            }
            if consume("."), digits() == 0 { return nil }
            if consume("e") || consume("E") {
                if !consume("+") { _ = consume("-") }
                if digits() == 0 { return nil }
            }
            return .number(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        mutating func digits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }

        /// A JSON string's content; its escapes decoded, invalid UTF-8 rejected.
        mutating func parseString() -> String? {
            index += 1
            var scalars = String.UnicodeScalarView()
            var decoder = LenientUTF8Decoder(bytes: bytes)
            while true {
                guard index < bytes.count else { return nil }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { index += 1; return String(scalars) }
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    guard let scalar = parseEscape() else { return nil }
                    scalars.append(scalar)
                    continue
                }
                decoder.index = index
                guard case .scalar(let scalar) = decoder.next() else { return nil }
                index = decoder.index
                scalars.append(scalar)
            }
        }

        mutating func parseEscape() -> Unicode.Scalar? {
            index += 1
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                guard let high = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(high) {
                    guard consume("\\"), consume("u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                }
                return Unicode.Scalar(high)
            default: return nil
            }
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<(index + 4)] {
                guard let digit = hexDigit(byte) else { return nil }
                value = value << 4 | digit
            }
            index += 4
            return value
        }

        func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: UInt32(byte - 0x30)
            case 0x41...0x46: UInt32(byte - 0x41 + 10)
            case 0x61...0x66: UInt32(byte - 0x61 + 10)
            default: nil
            }
        }
    }

    struct Printer {
        let indent: Int
        var lines: [[Segment]] = []
        var current: [Segment] = []

        mutating func emit(_ text: String, _ role: ColorRole) { current.append(Segment(text: text, role: role)) }

        mutating func finishLine() {
            if !current.isEmpty { lines.append(current) }
            current = []
        }

        mutating func newLine(depth: Int) {
            finishLine()
            if depth > 0 { emit(String(repeating: " ", count: depth * indent), .muted) }
        }

        mutating func print(_ value: Value, depth: Int) {
            switch value {
            case .object(let members): printItems(members.map { ($0.0, $0.1) }, open: "{", close: "}", depth: depth)
            case .array(let elements): printItems(elements.map { (nil, $0) }, open: "[", close: "]", depth: depth)
            case .string(let text): emit(quoted(text), .ok)
            case .number(let text): emit(text, .warn)
            case .literal(let text): emit(text, .title)
            }
        }

        /// An object's members (with keys) or an array's elements (without), one per line.
        mutating func printItems(_ items: [(String?, Value)], open: String, close: String, depth: Int) {
            emit(open, .muted)
            for (position, (key, value)) in items.enumerated() {
                newLine(depth: depth + 1)
                if let key {
                    emit(quoted(key), .accent)
                    emit(": ", .muted)
                }
                print(value, depth: depth + 1)
                if position < items.count - 1 { emit(",", .muted) }
            }
            if !items.isEmpty { newLine(depth: depth) }
            emit(close, .muted)
        }

        func quoted(_ text: String) -> String {
            var out = "\""
            for character in UntrustedText.escape(text) {
                if character == "\"" { out += "\\\"" } else { out.append(character) }
            }
            return out + "\""
        }
    }
}
