import Foundation
import AttachSupport

/// A JSON value from the management API, read leniently: a field that is missing or of another type
/// reads as nil, never as a crash, because the API's fields vary with the version, the queue type and
/// whether statistics have been collected yet.
enum ManagementJSON: Sendable, Equatable, Decodable {
    case null, bool(Bool), number(Double), string(String), array([ManagementJSON]), object([String: ManagementJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Double.self) { self = .number(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([ManagementJSON].self) { self = .array(value); return }
        self = .object(try container.decode([String: ManagementJSON].self))
    }

    /// Parses a reply body; throws saying which reply it was when it is not JSON.
    static func parse(_ bytes: [UInt8], what: String) throws(AttachError) -> ManagementJSON {
        do {
            return try JSONDecoder().decode(ManagementJSON.self, from: Data(bytes))
        } catch {
            throw AttachError("the management API's \(what) is not JSON (\(bytes.count) bytes)")
        }
    }

    subscript(key: String) -> ManagementJSON {
        if case .object(let fields) = self { return fields[key] ?? .null }
        return .null
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    var double: Double? { if case .number(let value) = self, value.isFinite { value } else { nil } }
    var array: [ManagementJSON] { if case .array(let values) = self { values } else { [] } }
    var object: [String: ManagementJSON] { if case .object(let fields) = self { fields } else { [:] } }

    var int64: Int64? {
        guard let value = double, value >= -9.2e18, value <= 9.2e18 else { return nil }
        return Int64(value)
    }

    var int: Int? { int64.map { Int(clamping: $0) } }

    /// A scalar as text for the details panel (a queue argument's value); nil for objects, arrays and null.
    var scalarText: String? {
        switch self {
        case .string(let value): value
        case .bool(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        default: nil
        }
    }
}
