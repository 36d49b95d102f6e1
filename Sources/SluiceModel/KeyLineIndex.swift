/// Finds the line of every key in a TOML text, so that semantic errors can name it (scenario and theme files).
///
/// TOMLKit reports positions only for syntax errors; for a value that parses but means nothing
/// (`mean = "fast"`), this index maps a key path such as `consumer[1].service.mean` to its line.
/// It runs only on text TOMLKit accepted, so it may be lenient about malformed input.
public struct KeyLineIndex: Sendable {
    private var lines: [String: Int] = [:]
    /// The first string value written with a `\u0000` escape: TOMLKit would cut the string short there.
    public private(set) var firstNulEscape: (line: Int, path: String)?

    public init(source: String) {
        var scanner = Scanner(characters: Array(source.unicodeScalars))
        scanner.scanDocument(into: &lines)
        firstNulEscape = scanner.firstNulEscape
    }

    /// The line of `path`, or of its closest enclosing key when the path itself is not written
    /// (a default, or a key inside a value written on one line).
    public func line(for path: String) -> Int? {
        var candidate = Substring(path)
        while true {
            if let line = lines[String(candidate)] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = candidate[..<cut]
        }
    }

    private struct Scanner {
        let characters: [Unicode.Scalar]
        var position = 0
        var line = 1
        var arrayTableCounts: [String: Int] = [:]
        var firstNulEscape: (line: Int, path: String)?

        init(characters: [Unicode.Scalar]) { self.characters = characters }

        var current: Unicode.Scalar? { position < characters.count ? characters[position] : nil }

        mutating func advance() {
            if current == "\n" { line += 1 }
            position += 1
        }

        func peek(_ offset: Int) -> Unicode.Scalar? {
            position + offset < characters.count ? characters[position + offset] : nil
        }

        /// Skips spaces, tabs, comments and, when `newlines`, line breaks.
        mutating func skipBlank(newlines: Bool) {
            while let c = current {
                if c == " " || c == "\t" || c == "\r" || (newlines && c == "\n") {
                    advance()
                } else if c == "#" {
                    while let d = current, d != "\n" { advance() }
                } else {
                    return
                }
            }
        }

        mutating func scanDocument(into lines: inout [String: Int]) {
            var table = ""
            while true {
                skipBlank(newlines: true)
                guard let c = current else { return }
                if c == "[" {
                    let isArray = peek(1) == "["
                    advance()
                    if isArray { advance() }
                    let name = resolve(readKey(until: "]"))
                    while let d = current, d != "\n" { advance() }
                    if isArray {
                        let index = arrayTableCounts[name, default: 0]
                        arrayTableCounts[name] = index + 1
                        table = "\(name)[\(index)]"
                        // The array itself is where its first element starts (an unknown section is named by it).
                        if index == 0 { lines[name] = line }
                    } else {
                        table = name
                    }
                    lines[table] = line
                } else {
                    scanKeyValue(prefix: table, into: &lines)
                }
            }
        }

        /// A header's dotted name with each array-of-tables prefix pointing at its latest element:
        /// `[queue.retry]` after a second `[[queue]]` is `queue[1].retry`.
        func resolve(_ name: String) -> String {
            var resolved = ""
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            for (position, part) in parts.enumerated() {
                resolved += resolved.isEmpty ? String(part) : ".\(part)"
                if position < parts.count - 1, let count = arrayTableCounts[resolved] { resolved += "[\(count - 1)]" }
            }
            return resolved
        }

        /// Reads a possibly dotted, possibly quoted key up to (not including) `terminator`.
        mutating func readKey(until terminator: Unicode.Scalar) -> String {
            var parts: [String] = []
            var part = ""
            while let c = current, c != terminator, c != "\n" {
                if c == "\"" || c == "'" {
                    advance()
                    while let d = current, d != c, d != "\n" { part.unicodeScalars.append(d); advance() }
                    advance()
                } else if c == "." {
                    parts.append(part); part = ""
                    advance()
                } else {
                    if c != " " && c != "\t" { part.unicodeScalars.append(c) }
                    advance()
                }
            }
            if current == terminator { advance() }
            if terminator == "]" && current == "]" { advance() }
            parts.append(part)
            return parts.joined(separator: ".")
        }

        mutating func scanKeyValue(prefix: String, into lines: inout [String: Int]) {
            let keyLine = line
            let key = readKey(until: "=")
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            lines[path] = keyLine
            // A dotted key (`a.b = 1`) also defines `a` there, where an error about `a` should point.
            var parent = Substring(path)
            while let dot = parent.lastIndex(of: "."), dot > parent.startIndex, parent[..<dot].count > prefix.count {
                parent = parent[..<dot]
                if lines[String(parent)] == nil { lines[String(parent)] = keyLine }
            }
            skipBlank(newlines: false)
            scanValue(path: path, into: &lines)
        }

        mutating func scanValue(path: String, into lines: inout [String: Int]) {
            guard let c = current else { return }
            switch c {
            case "\"", "'":
                skipString(quote: c, path: path)
            case "{":
                advance()
                while true {
                    skipBlank(newlines: true)
                    guard let d = current else { return }
                    if d == "}" { advance(); return }
                    if d == "," { advance(); continue }
                    scanKeyValue(prefix: path, into: &lines)
                }
            case "[":
                advance()
                var index = 0
                while true {
                    skipBlank(newlines: true)
                    guard let d = current else { return }
                    if d == "]" { advance(); return }
                    if d == "," { advance(); continue }
                    let element = "\(path)[\(index)]"
                    lines[element] = line
                    scanValue(path: element, into: &lines)
                    index += 1
                }
            default:
                while let d = current, d != ",", d != "]", d != "}", d != "\n", d != "#" { advance() }
            }
        }

        mutating func skipString(quote: Unicode.Scalar, path: String) {
            let multiline = peek(1) == quote && peek(2) == quote
            if multiline {
                advance(); advance(); advance()
                while current != nil {
                    if current == quote && peek(1) == quote && peek(2) == quote {
                        advance(); advance(); advance()
                        while current == quote { advance() }
                        return
                    }
                    if quote == "\"" && current == "\\" { skipEscape(path: path) }
                    advance()
                }
                return
            }
            advance()
            while let c = current, c != quote, c != "\n" {
                if quote == "\"" && c == "\\" { skipEscape(path: path) }
                advance()
            }
            if current == quote { advance() }
        }

        /// Steps over the backslash of an escape, noting a `\u0000` or `\U00000000`.
        mutating func skipEscape(path: String) {
            let kind = peek(1)
            let digits = kind == "u" ? 4 : kind == "U" ? 8 : 0
            if digits > 0, firstNulEscape == nil, (2..<(2 + digits)).allSatisfy({ peek($0) == "0" }) {
                firstNulEscape = (line, path)
            }
            advance()
        }
    }
}
