/// A value of an AMQP field table (a message's headers), as rabbitmq-c hands it over.
public indirect enum AMQPFieldValue: Sendable, Equatable {
    case bytes([UInt8])
    case integer(Int64)
    case unsigned(UInt64)
    case double(Double)
    case bool(Bool)
    /// Unix seconds.
    case timestamp(UInt64)
    case array([AMQPFieldValue])
    case table([AMQPTableEntry])
    case void

    /// The value as the inspector shows it: bytes as they are (the dashboard escapes them), the rest as text.
    public var displayBytes: [UInt8] {
        switch self {
        case .bytes(let bytes): bytes
        case .integer(let value): Array(String(value).utf8)
        case .unsigned(let value): Array(String(value).utf8)
        case .double(let value): Array(String(value).utf8)
        case .bool(let value): Array(String(value).utf8)
        case .timestamp(let value): Array("\(value) (Unix seconds)".utf8)
        case .array(let values): Array(("[" + values.map { String(decoding: $0.displayBytes, as: UTF8.self) }.joined(separator: ", ") + "]").utf8)
        case .table(let entries): Array(("{" + entries.map { $0.name + ": " + String(decoding: $0.value.displayBytes, as: UTF8.self) }
                .joined(separator: ", ") + "}").utf8)
        case .void: []
        }
    }

    var text: String? { if case .bytes(let bytes) = self { String(decoding: bytes, as: UTF8.self) } else { nil } }

    var count: Int64? {
        switch self {
        case .integer(let value): value
        case .unsigned(let value): Int64(clamping: value)
        default: nil
        }
    }
}

public struct AMQPTableEntry: Sendable, Equatable {
    public var name: String
    public var value: AMQPFieldValue
    public init(_ name: String, _ value: AMQPFieldValue) { self.name = name; self.value = value }
}

extension [AMQPTableEntry] {
    subscript(field name: String) -> AMQPFieldValue? { first { $0.name == name }?.value }
}
