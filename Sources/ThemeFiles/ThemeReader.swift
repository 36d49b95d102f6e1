public import Dashboard
public import SluiceModel
import TOMLKit

/// Reads a theme file through TOMLKit: flat `key = value` lines of colours, a gradient list and a
/// description. Every error names the file, the line and the key, and says what was expected.
public enum ThemeReader {
    static let colourExpectation = "expected a colour: \"#rrggbb\", a 256-colour index 0-255, or \"default\""
    /// Lists inside lists: a theme needs one level; TOMLKit itself stops at 256.
    static let deepestNesting = 8
    static let nestingRefusal = "expected a list of colours, got lists nested more than \(deepestNesting) deep"

    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            throw ThemeError(file: file, line: line, key: keyStarting(line: line, of: text),
                             message: message(for: error, in: text))
        } catch {
            throw ThemeError(file: file, line: nil, key: nil, message: "not valid TOML")
        }
        let reader = Reader(table: table, file: file, index: KeyLineIndex(source: text),
                            lastLine: text.utf8.count { $0 == UInt8(ascii: "\n") } + 1)
        return try reader.theme(named: name)
    }

    /// TOMLKit's words for a syntax error, except where what a theme allows says more: how deep lists may
    /// go, and a string that runs to the end of its line (TOMLKit calls the line break a control character).
    static func message(for error: TOMLParseError, in text: String) -> String {
        if error.description.contains("nested value depth") { return nestingRefusal }
        if error.description.hasPrefix("Error while parsing string"),
           error.source.begin.column > (line(error.source.begin.line, of: text)?.count ?? 0) {
            return "a string is missing its closing double quote"
        }
        return "not valid TOML: " + UntrustedText.escape(error.description)
    }

    /// The bare key a line starts with (`ok = ...` gives `ok`), for an error TOMLKit reports on that line.
    static func keyStarting(line: Int, of text: String) -> String? {
        guard let text = self.line(line, of: text), let equals = text.firstIndex(of: "=") else { return nil }
        let words = text[..<equals].split { $0 == " " || $0 == "\t" }
        guard words.count == 1, let key = words.first,
              key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        return String(key)
    }

    /// Line `number` (from 1) of `text`.
    static func line(_ number: Int, of text: String) -> Substring? {
        guard number >= 1 else { return nil }
        let lines = text.split(separator: "\n", maxSplits: number, omittingEmptySubsequences: false)
        return number <= lines.count ? lines[number - 1] : nil
    }

    /// The parsed table, with the lines its keys were written on.
    struct Reader {
        let table: TOMLTable
        let file: String
        let index: KeyLineIndex
        /// Where a missing key is reported: the end of the file, where it could have gone.
        let lastLine: Int

        func error(_ key: String, _ message: String) -> ThemeError {
            ThemeError(file: file, line: index.line(for: key) ?? lastLine, key: key, message: message)
        }

        func theme(named name: String) throws(ThemeError) -> Theme {
            let slotKeys = ColorRole.namedSlots.map(\.key)
            let known = Set(slotKeys + ["gradient", "description"])
            let written = table.keys.sorted { (index.line(for: $0) ?? 0, $0) < (index.line(for: $1) ?? 0, $1) }
            for key in written where table[key]?.table != nil {
                throw ThemeError(file: file, line: index.line(for: key), key: nil,
                                 message: "sections are not supported; write key = value lines")
            }
            if let unknown = written.first(where: { !known.contains($0) }) {
                throw error(unknown, "unknown key; expected one of " + slotKeys.joined(separator: ", ") + ", gradient, description")
            }
            var slots: [ColorRole: ThemeColor] = [:]
            for (key, role) in ColorRole.namedSlots {
                guard let value = table[key] else { throw error(key, "missing; " + colourExpectation) }
                slots[role] = try color(value, key: key)
            }
            guard let gradientValue = table["gradient"] else { throw error("gradient", "missing; expected a list of colours") }
            guard let items = gradientValue.array, !items.isEmpty else {
                throw error("gradient", "expected a non-empty list of colours, e.g. [\"#4f7cac\", \"#d53e4f\"]")
            }
            if Self.depth(of: items) > ThemeReader.deepestNesting { throw error("gradient", ThemeReader.nestingRefusal) }
            var gradient: [ThemeColor] = []
            for item in items { gradient.append(try color(item, key: "gradient")) }
            var description = ""
            if let value = table["description"] {
                guard let text = value.string else { throw error("description", "expected a string in double quotes") }
                description = text
            }
            return Theme(name: name, description: description, slots: slots, gradient: gradient)
        }

        func color(_ value: any TOMLValueConvertible, key: String) throws(ThemeError) -> ThemeColor {
            if let number = value.int {
                guard (0...255).contains(number) else { throw error(key, ThemeReader.colourExpectation + ", got \(number)") }
                return .indexed(UInt8(number))
            }
            guard let text = value.string else { throw error(key, ThemeReader.colourExpectation + ", got " + Self.describe(value)) }
            if text == "default" { return .terminalDefault }
            if let rgb = ThemeReader.hexColor(text) { return rgb }
            throw error(key, ThemeReader.colourExpectation + ", got \"\(UntrustedText.escape(text))\"")
        }

        /// How many lists deep `array` goes (1 for a flat list); TOMLKit bounds it, so the recursion is bounded too.
        static func depth(of array: TOMLArray) -> Int {
            1 + (array.compactMap { $0.array.map(depth(of:)) }.max() ?? 0)
        }

        static func describe(_ value: any TOMLValueConvertible) -> String {
            switch value.type {
            case .array: "a list"
            case .table: "a table"
            case .bool: value.bool.map(String.init) ?? "a boolean"
            case .double: value.double.map { "\($0)" } ?? "a number"
            default: "a date or time"
            }
        }
    }

    static func hexColor(_ text: String) -> ThemeColor? {
        let digits = Array(text.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#") else { return nil }
        var bytes: [UInt8] = []
        for pair in stride(from: 1, to: 7, by: 2) {
            guard let byte = UInt8(String(decoding: digits[pair..<(pair + 2)], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return .rgb(bytes[0], bytes[1], bytes[2])
    }
}
