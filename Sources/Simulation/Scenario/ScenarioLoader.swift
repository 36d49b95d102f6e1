import Foundation
import SluiceModel
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

    /// Reads and validates a scenario file.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            let known = BuiltinScenarios.names.joined(separator: ", ")
            throw ScenarioError(file: path, line: nil, key: nil,
                                message: "no such file, and not a built-in scenario (\(known)) or lesson (see `sluice lessons`)")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ScenarioError(file: path, line: firstInvalidUTF8Line(data), key: nil, message: "expected UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// The line of the first byte that is not part of valid UTF-8.
    static func firstInvalidUTF8Line(_ data: Data) -> Int? {
        var decoder = LenientUTF8Decoder(bytes: Array(data))
        var line = 1
        while let piece = decoder.next() {
            switch piece {
            case .invalid: return line
            case .scalar(let scalar): if scalar == "\n" { line += 1 }
            }
        }
        return nil
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

    /// Validates scenario text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
        try refuseControlCharacters(text, file: file)
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
