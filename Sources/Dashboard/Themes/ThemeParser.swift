import SluiceModel

/// A malformed theme file: which file, which line, which key, and what was expected there.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    public var file: String
    /// Nil when the file could not be read at all.
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file; self.line = line; self.key = key; self.message = message
    }

    public var description: String {
        file + (line.map { ":\($0)" } ?? "") + ": " + (key.map { "key '\($0)': " } ?? "") + message
    }
}

/// Reads theme files: flat `key = value` lines, strings, integers, arrays (over several lines if
/// needed) and `#` comments; a small subset of TOML, enough for themes.
public enum ThemeParser {
    static let colourExpectation = "expected a colour: \"#rrggbb\", a 256-colour index 0-255, or \"default\""

    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var values: [String: (line: Int, value: Value)] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        var lineNumber = 0
        while let raw = lines.popFirst() {
            lineNumber += 1
            var statement = stripComment(raw).trimmingSpaces
            guard !statement.isEmpty else { continue }
            let start = lineNumber
            if statement.hasPrefix("[") {
                throw ThemeError(file: file, line: start, key: nil, message: "sections are not supported; write key = value lines")
            }
            guard let equals = statement.firstIndex(of: "=") else {
                throw ThemeError(file: file, line: start, key: nil, message: "expected key = value, got '\(UntrustedText.escape(statement))'")
            }
            let key = String(statement[..<equals]).trimmingSpaces
            // An array may go on over the next lines until its closing bracket. Each line's brackets are
            // counted once, as it joins, so a list over many lines reads in linear time.
            var open = bracketBalance(statement)
            while open > 0, let next = lines.popFirst() {
                lineNumber += 1
                let more = stripComment(next).trimmingSpaces
                open += bracketBalance(more)
                statement += " " + more
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw ThemeError(file: file, line: start, key: nil, message: "expected a bare key before '=', got '\(UntrustedText.escape(key))'")
            }
            if let first = values[key] {
                throw ThemeError(file: file, line: start, key: key, message: "defined twice (first on line \(first.line))")
            }
            let valueText = String(statement[statement.index(after: equals)...]).trimmingSpaces
            do {
                values[key] = (start, try parseValue(valueText))
            } catch let problem {
                throw ThemeError(file: file, line: start, key: key, message: problem.message)
            }
        }
        return try build(values, name: name, file: file, lastLine: lineNumber)
    }

    static func build(_ values: [String: (line: Int, value: Value)], name: String, file: String, lastLine: Int) throws(ThemeError) -> Theme {
        let known = Set(ColorRole.namedSlots.map(\.key) + ["gradient", "description"])
        if let unknown = values.filter({ !known.contains($0.key) }).min(by: { $0.value.line < $1.value.line }) {
            throw ThemeError(file: file, line: unknown.value.line, key: unknown.key,
                             message: "unknown key; expected one of " + ColorRole.namedSlots.map(\.key).joined(separator: ", ")
                                + ", gradient, description")
        }
        var slots: [ColorRole: ThemeColor] = [:]
        for (key, role) in ColorRole.namedSlots {
            guard let entry = values[key] else {
                throw ThemeError(file: file, line: lastLine, key: key, message: "missing; " + colourExpectation)
            }
            slots[role] = try color(entry.value, key: key, line: entry.line, file: file)
        }
        guard let gradientEntry = values["gradient"] else {
            throw ThemeError(file: file, line: lastLine, key: "gradient", message: "missing; expected a list of colours")
        }
        guard case .array(let items) = gradientEntry.value, !items.isEmpty else {
            throw ThemeError(file: file, line: gradientEntry.line, key: "gradient",
                             message: "expected a non-empty list of colours, e.g. [\"#4f7cac\", \"#d53e4f\"]")
        }
        var gradient: [ThemeColor] = []
        for item in items { gradient.append(try color(item, key: "gradient", line: gradientEntry.line, file: file)) }
        var description = ""
        if let entry = values["description"] {
            guard case .string(let text) = entry.value else {
                throw ThemeError(file: file, line: entry.line, key: "description", message: "expected a string in double quotes")
            }
            description = text
        }
        return Theme(name: name, description: description, slots: slots, gradient: gradient)
    }

    static func color(_ value: Value, key: String, line: Int, file: String) throws(ThemeError) -> ThemeColor {
        switch value {
        case .integer(let n) where (0...255).contains(n): return .indexed(UInt8(n))
        case .string("default"): return .terminalDefault
        case .string(let text):
            if let rgb = hexColor(text) { return rgb }
            throw ThemeError(file: file, line: line, key: key, message: colourExpectation + ", got \"\(UntrustedText.escape(text))\"")
        case .integer(let n):
            throw ThemeError(file: file, line: line, key: key, message: colourExpectation + ", got \(n)")
        case .array:
            throw ThemeError(file: file, line: line, key: key, message: colourExpectation + ", got a list")
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

    // MARK: values

    indirect enum Value: Equatable {
        case string(String)
        case integer(Int)
        case array([Value])
    }

    struct Problem: Error { let message: String }

    static func parseValue(_ text: String) throws(Problem) -> Value {
        var scanner = Scanner(characters: Array(text))
        let value = try scanner.value()
        scanner.skipSpaces()
        guard scanner.atEnd else { throw Problem(message: "unexpected text after the value: '\(UntrustedText.escape(String(scanner.rest)))'") }
        return value
    }

    /// Opening minus closing brackets outside double quotes.
    static func bracketBalance(_ text: String) -> Int {
        var inString = false
        var balance = 0
        for character in text {
            if character == "\"" { inString.toggle() }
            if inString { continue }
            if character == "[" { balance += 1 } else if character == "]" { balance -= 1 }
        }
        return balance
    }

    /// The line without its `#` comment (a `#` inside double quotes is a colour, not a comment).
    static func stripComment(_ line: String) -> String {
        var inString = false
        var out = ""
        for character in line {
            if character == "\"" { inString.toggle() }
            if character == "#", !inString { break }
            out.append(character)
        }
        return out
    }

    struct Scanner {
        let characters: [Character]
        var index = 0
        var atEnd: Bool { index >= characters.count }
        var rest: ArraySlice<Character> { characters[min(index, characters.count)...] }

        mutating func skipSpaces() { while !atEnd, characters[index] == " " || characters[index] == "\t" { index += 1 } }

        /// Lists inside lists: a theme needs one level; more than this is refused before it can exhaust the stack.
        static let deepestNesting = 8

        mutating func value(depth: Int = 0) throws(Problem) -> Value {
            skipSpaces()
            guard !atEnd else { throw Problem(message: "expected a value after '='") }
            switch characters[index] {
            case "\"": return .string(try string())
            case "[":
                guard depth < Self.deepestNesting else {
                    throw Problem(message: "expected a list of colours, got lists nested more than \(Self.deepestNesting) deep")
                }
                return .array(try array(depth: depth))
            default: return .integer(try integer())
            }
        }

        mutating func string() throws(Problem) -> String {
            index += 1
            var out = ""
            while !atEnd {
                let character = characters[index]
                index += 1
                if character == "\"" { return out }
                if character == "\\" { throw Problem(message: "escapes in strings are not supported") }
                out.append(character)
            }
            throw Problem(message: "a string is missing its closing double quote")
        }

        mutating func array(depth: Int) throws(Problem) -> [Value] {
            index += 1
            var items: [Value] = []
            while true {
                skipSpaces()
                guard !atEnd else { throw Problem(message: "a list is missing its closing ']'") }
                if characters[index] == "]" { index += 1; return items }
                items.append(try value(depth: depth + 1))
                skipSpaces()
                if !atEnd, characters[index] == "," { index += 1 }
                else if !atEnd, characters[index] != "]" { throw Problem(message: "expected ',' or ']' in a list") }
            }
        }

        mutating func integer() throws(Problem) -> Int {
            let start = index
            while !atEnd, characters[index] != ",", characters[index] != "]", characters[index] != " " { index += 1 }
            let word = String(characters[start..<index])
            guard let number = Int(word) else {
                throw Problem(message: "expected a string in double quotes, a whole number or a list, got '\(UntrustedText.escape(word))'")
            }
            return number
        }
    }
}
