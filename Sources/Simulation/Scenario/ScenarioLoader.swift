import Foundation
public import SluiceModel
import TOMLKit

/// Turns scenario TOML into a validated `Scenario`, or an error naming file, line and key.
public enum ScenarioLoader {
    /// Loads a built-in scenario by name, or a file by path.
    public static func resolve(_ nameOrPath: String) throws(ScenarioError) -> Scenario {
        if let text = BuiltinScenarios.text(named: nameOrPath) {
            return try parse(text, file: "Scenarios/\(nameOrPath).toml")
        }
        if let text = BuiltinLessons.text(named: nameOrPath) {
            return try parse(text, file: "Scenarios/lessons/\(nameOrPath).toml")
        }
        return try load(path: nameOrPath)
    }

    /// Loads a built-in lesson by name, or a lesson file by path; anything else is refused with the
    /// lessons there are.
    public static func resolveLesson(_ nameOrPath: String) throws(ScenarioError) -> Scenario {
        if let text = BuiltinLessons.text(named: nameOrPath) {
            return try parse(text, file: "Scenarios/lessons/\(nameOrPath).toml")
        }
        if BuiltinScenarios.text(named: nameOrPath) != nil {
            throw ScenarioError(file: nameOrPath, line: nil, key: nil,
                                message: "is a scenario, not a lesson: `sluice run \(nameOrPath)` opens it, `sluice lessons` lists the lessons")
        }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw ScenarioError(file: nameOrPath, line: nil, key: nil, message:
                "no such file, and not a built-in lesson (\(BuiltinLessons.names.joined(separator: ", ")))")
        }
        let scenario = try load(path: nameOrPath)
        guard scenario.lesson != nil else {
            throw ScenarioError(file: nameOrPath, line: nil, key: "lesson",
                                message: "not a lesson (no [lesson] table); `sluice lessons` lists them")
        }
        return scenario
    }

    /// Reads and validates a scenario file.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let data = try contents(path)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ScenarioError(file: path, line: LenientUTF8Decoder.lineOfFirstInvalidByte(Array(data)), key: nil, message: "expected UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// The largest scenario file read: the biggest built-in lesson is about 10 KB.
    public static let largestFile = 1 << 20

    /// A file's bytes, or an error that says what is true: missing, a directory, not readable, not a
    /// regular file (a device such as /dev/zero never ends), or too large.
    static func contents(_ path: String) throws(ScenarioError) -> Data {
        func refuse(_ message: String) -> ScenarioError { ScenarioError(file: path, line: nil, key: nil, message: message) }
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let known = BuiltinScenarios.names.joined(separator: ", ")
            throw refuse("no such file, and not a built-in scenario (\(known)) or lesson (see `sluice lessons`)")
        }
        if isDirectory.boolValue { throw refuse("is a directory, not a scenario file") }
        // Unreadable attributes skip these two checks; reading the file then says what is wrong.
        let attributes = try? files.attributesOfItem(atPath: path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            throw refuse("is not a regular file (a device or a pipe); give a scenario file")
        }
        if let size = attributes?[.size] as? Int, size > largestFile {
            throw refuse("is \(size / 1024) KiB; a scenario file may be at most \(largestFile / 1024) KiB")
        }
        guard files.isReadableFile(atPath: path) else { throw refuse("cannot be read: permission denied") }
        guard let data = files.contents(atPath: path) else { throw refuse("cannot be read") }
        return data
    }

    /// TOML allows no control characters but tab and line breaks; a file with others (NUL, say) is not
    /// text at all, which says more than the parser's "missing [scenario]" on an empty-looking document.
    static func refuseControlCharacters(_ text: String, file: String) throws(ScenarioError) {
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; continue }
            guard scalar.value < 0x20 && scalar != "\t" && scalar != "\r" || scalar.value == 0x7F else { continue }
            let code = String(scalar.value, radix: 16, uppercase: true)
            throw ScenarioError(file: file, line: line, key: nil,
                                message: "not a TOML text file (control character 0x\(code.count < 2 ? "0" + code : code))")
        }
    }

    /// The most parts a dotted key or a table header may have: the TOML parser recurses once per part,
    /// and 50,000 of them overflowed its stack.
    static let mostKeyParts = 64

    /// Refuses a line whose key (before `=`, or a `[table]` header) has more parts than any scenario needs.
    /// Counted on the raw text, before the parser sees it; values after `=` and the lines of multi-line
    /// strings (prose full of full stops) are not looked at.
    static func refuseDeepKeys(_ text: String, file: String) throws(ScenarioError) {
        var line = 0
        var inMultilineString = false
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            line += 1
            let delimiters = String(decoding: raw, as: UTF8.self).ranges(of: "\"\"\"").count
                + String(decoding: raw, as: UTF8.self).ranges(of: "\'\'\'").count
            defer { if delimiters % 2 == 1 { inMultilineString.toggle() } }
            guard !inMultilineString else { continue }
            let key = raw.prefix { $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "#") }
            guard key.count > mostKeyParts else { continue }
            let parts = key.count { $0 == UInt8(ascii: ".") } + 1
            if parts > mostKeyParts {
                throw ScenarioError(file: file, line: line, key: nil,
                                    message: "expected a key of at most \(mostKeyParts) dotted parts, got one of \(parts)")
            }
        }
    }

    /// Validates scenario text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        try refuseControlCharacters(text, file: file)
        try refuseDeepKeys(text, file: file)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ScenarioError(file: file, line: error.source.begin.line, key: nil,
                                message: "not valid TOML: \(error.description)")
        } catch {
            throw ScenarioError(file: file, line: nil, key: nil, message: "not valid TOML")
        }
        let index = KeyLineIndex(source: text)
        if let nul = index.firstNulEscape {
            throw ScenarioError(file: file, line: nul.line, key: TableReader.displayKey(nul.path),
                                message: #"expected text without a NUL character (\u0000)"#)
        }
        let root = TableReader(table: table, path: "", file: file, index: index)
        return try ScenarioSchema(root: root).read()
    }
}
