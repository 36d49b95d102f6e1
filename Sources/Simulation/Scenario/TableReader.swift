import SluiceModel
import TOMLKit

/// Typed, validating access to one TOML table of a scenario file; every error names file, line and key.
struct TableReader {
    let table: TOMLTable
    /// Where this table sits, with array indexes: `consumer[1].service`.
    let path: String
    let file: String
    let index: KeyLineIndex

    func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error about `key` (nil: about this table itself).
    func error(_ key: String?, _ message: String) -> ScenarioError {
        let full = key.map(childPath) ?? path
        return ScenarioError(file: file, line: index.line(for: full), key: Self.displayKey(full), message: message)
    }

    /// `consumer[1].service.mean` -> `consumer.service.mean`.
    static func displayKey(_ path: String) -> String {
        var out = ""
        var skipping = false
        for c in path {
            if c == "[" { skipping = true } else if c == "]" { skipping = false } else if !skipping { out.append(c) }
        }
        return out
    }

    func has(_ key: String) -> Bool { table[key] != nil }

    /// Rejects keys the schema does not know, which are nearly always typos.
    func rejectUnknownKeys(_ allowed: [String]) throws(ScenarioError) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let isSection = path.isEmpty && (table[key]?.table != nil || table[key]?.array != nil)
            throw error(key, "unknown \(isSection ? "section" : "key"); expected one of \(allowed.joined(separator: ", "))")
        }
    }

    func string(_ key: String) throws(ScenarioError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(key, "expected a string, got \(Self.describe(value))") }
        return text
    }

    func requiredString(_ key: String, meaning: String) throws(ScenarioError) -> String {
        guard let text = try string(key) else { throw error(key, "missing; expected \(meaning)") }
        guard !text.isEmpty else { throw error(key, "expected \(meaning), got an empty string") }
        return text
    }

    func integer(_ key: String, atLeast minimum: Int, atMost maximum: Int = Int.max) throws(ScenarioError) -> Int? {
        guard let value = table[key] else { return nil }
        let bounds = maximum == Int.max ? "an integer >= \(minimum)" : "an integer from \(minimum) to \(maximum)"
        guard let number = value.int else { throw error(key, "expected \(bounds), got \(Self.describe(value))") }
        guard number >= minimum && number <= maximum else { throw error(key, "expected \(bounds), got \(number)") }
        return number
    }

    /// A float or an integer, within bounds.
    func number(_ key: String, atLeast minimum: Double, atMost maximum: Double = .infinity) throws(ScenarioError) -> Double? {
        guard let value = table[key] else { return nil }
        let bounds = maximum == .infinity ? "a number >= \(JSONText.number(minimum))"
            : "a number from \(JSONText.number(minimum)) to \(JSONText.number(maximum))"
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw error(key, "expected \(bounds), got \(Self.describe(value))")
        }
        guard number >= minimum && number <= maximum && number.isFinite else {
            // JSONText prints non-finite numbers as "null"; say what the file said.
            throw error(key, "expected \(bounds), got \(number.isFinite ? JSONText.number(number) : String(number))")
        }
        return number
    }

    func probability(_ key: String) throws(ScenarioError) -> Double? {
        try number(key, atLeast: 0, atMost: 1)
    }

    func duration(_ key: String, positive: Bool = false) throws(ScenarioError) -> Nanos? {
        guard let value = table[key] else { return nil }
        let example = #"expected a duration like "250ms""#
        guard let text = value.string else { throw error(key, "\(example), got \(Self.describe(value))") }
        guard let nanos = DurationText.parse(text) else { throw error(key, "\(example), got \"\(text)\"") }
        if positive && nanos <= 0 { throw error(key, "expected a duration above zero, got \"\(text)\"") }
        try checkLongest(key, nanos, text: text)
        return nanos
    }

    /// A moment of the run (`at = "2m"`): before the scenario's end, or what happens then never would.
    func moment(_ key: String, before end: Nanos) throws(ScenarioError) -> Nanos? {
        guard let at = try duration(key) else { return nil }
        guard at < end else {
            throw error(key, "expected a time before the scenario ends (its duration is \(DurationText.format(end))), "
                        + "got \"\(table[key]?.string ?? "")\"")
        }
        return at
    }

    private func checkLongest(_ key: String, _ nanos: Nanos, text: String) throws(ScenarioError) {
        guard nanos > ScenarioLimits.longestDuration else { return }
        throw error(key, "expected a duration of at most \(ScenarioLimits.longestDurationText), got \"\(text)\"")
    }

    /// Messages per simulated second: 0 (silent) or within `ScenarioLimits`.
    func rate(_ key: String) throws(ScenarioError) -> Double? {
        guard let rate = try number(key, atLeast: 0, atMost: ScenarioLimits.fastestRate) else { return nil }
        if rate > 0 && rate < ScenarioLimits.slowestRate {
            throw error(key, "expected 0 or a rate from \(JSONText.number(ScenarioLimits.slowestRate)) to "
                        + "\(JSONText.number(ScenarioLimits.fastestRate)) per second, got \(rate)")
        }
        return rate
    }

    func bool(_ key: String) throws(ScenarioError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw error(key, "expected true or false, got \(Self.describe(value))") }
        return flag
    }

    /// A string that must be one of a fixed set of words.
    func choice(_ key: String, among options: [String]) throws(ScenarioError) -> String? {
        guard let value = table[key] else { return nil }
        let expected = "expected one of \(options.joined(separator: ", "))"
        guard let text = value.string else { throw error(key, "\(expected), got \(Self.describe(value))") }
        guard options.contains(text) else { throw error(key, "\(expected), got \"\(text)\"") }
        return text
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type) throws(ScenarioError) -> E?
    where E.RawValue == String {
        guard let text = try choice(key, among: E.allCases.map(\.rawValue)) else { return nil }
        return E(rawValue: text)
    }

    func subtable(_ key: String) throws(ScenarioError) -> TableReader? {
        guard let value = table[key] else { return nil }
        guard let child = value.table else { throw error(key, "expected a table like { ... }, got \(Self.describe(value))") }
        return TableReader(table: child, path: childPath(key), file: file, index: index)
    }

    /// An array of tables, written either as `[[key]]` sections or as `key = [{...}, {...}]`.
    func tables(_ key: String) throws(ScenarioError) -> [TableReader] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else {
            if let single = value.table {
                return [TableReader(table: single, path: childPath(key), file: file, index: index)]
            }
            throw error(key, "expected an array of tables, got \(Self.describe(value))")
        }
        var readers: [TableReader] = []
        for position in 0..<array.count {
            let element = array[position]
            let elementPath = "\(childPath(key))[\(position)]"
            guard let child = element.table else {
                throw ScenarioError(file: file, line: index.line(for: elementPath), key: Self.displayKey(elementPath),
                                    message: "expected a table like { ... }, got \(Self.describe(element))")
            }
            readers.append(TableReader(table: child, path: elementPath, file: file, index: index))
        }
        return readers
    }

    /// An array of strings.
    func strings(_ key: String) throws(ScenarioError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "expected an array of strings, got \(Self.describe(value))") }
        var result: [String] = []
        for position in 0..<array.count {
            guard let text = array[position].string else {
                throw error(key, "expected an array of strings, got \(Self.describe(array[position])) in it")
            }
            result.append(text)
        }
        return result
    }

    /// An array of durations.
    func durations(_ key: String) throws(ScenarioError) -> [Nanos]? {
        guard let texts = try strings(key) else { return nil }
        var result: [Nanos] = []
        for text in texts {
            guard let nanos = DurationText.parse(text) else {
                throw error(key, #"expected durations like "250ms", got "\#(text)""#)
            }
            try checkLongest(key, nanos, text: text)
            result.append(nanos)
        }
        return result
    }

    /// How a value reads in an error message: strings quoted, tables and arrays named.
    static func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "\"\(value.string ?? "")\""
        case .int: value.int.map(String.init) ?? "an integer"
        case .double: value.double.map { JSONText.number($0) } ?? "a number"
        case .bool: value.bool.map(String.init) ?? "a boolean"
        case .table: "a table"
        case .array: "an array"
        default: "a date or time"
        }
    }
}
