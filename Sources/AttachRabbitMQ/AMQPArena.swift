#if RabbitMQ
import CRabbitMQ
#if canImport(Glibc)
import Glibc
#endif

/// Memory that rabbitmq-c reads during one call (names, bodies, header tables), copied out of Swift
/// arrays and freed together when the arena goes.
final class AMQPArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    deinit { blocks.forEach { free($0) } }

    func bytes(_ bytes: [UInt8]) -> amqp_bytes_t {
        guard !bytes.isEmpty, let block = malloc(bytes.count) else { return amqp_bytes_t(len: 0, bytes: nil) }
        blocks.append(block)
        bytes.withUnsafeBytes { block.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        return amqp_bytes_t(len: bytes.count, bytes: block)
    }

    /// Zeroed room for `count` C structs (table entries, field values).
    func allocate<Element>(_: Element.Type, count: Int) -> UnsafeMutablePointer<Element> {
        let block = calloc(max(1, count), MemoryLayout<Element>.stride)!
        blocks.append(block)
        return block.bindMemory(to: Element.self, capacity: max(1, count))
    }

    static func array(_ bytes: amqp_bytes_t) -> [UInt8] {
        guard bytes.len > 0, let base = bytes.bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: bytes.len))
    }

    static func string(_ bytes: amqp_bytes_t) -> String { String(decoding: array(bytes), as: UTF8.self) }
}

/// AMQP field tables (headers) to and from Swift.
enum AMQPTable {
    static func decode(_ table: amqp_table_t) -> [AMQPTableEntry] {
        guard table.num_entries > 0, let entries = table.entries else { return [] }
        return (0..<Int(table.num_entries)).map { index in
            AMQPTableEntry(AMQPArena.string(entries[index].key), value(entries[index].value))
        }
    }

    static func value(_ field: amqp_field_value_t) -> AMQPFieldValue {
        let value = field.value
        switch Character(Unicode.Scalar(field.kind)) {
        case "t": return .bool(value.boolean != 0)
        case "b": return .integer(Int64(value.i8))
        case "B": return .unsigned(UInt64(value.u8))
        case "s", "U": return .integer(Int64(value.i16))
        case "u": return .unsigned(UInt64(value.u16))
        case "I": return .integer(Int64(value.i32))
        case "i": return .unsigned(UInt64(value.u32))
        case "l", "L": return .integer(value.i64)
        case "f": return .double(Double(value.f32))
        case "d": return .double(value.f64)
        case "T": return .timestamp(value.u64)
        case "S", "x": return .bytes(AMQPArena.array(value.bytes))
        case "F": return .table(decode(value.table))
        case "A":
            guard value.array.num_entries > 0, let entries = value.array.entries else { return .array([]) }
            return .array((0..<Int(value.array.num_entries)).map { Self.value(entries[$0]) })
        default: return .void
        }
    }

    /// A table of byte-string headers, living as long as `arena`.
    static func encode(_ headers: [(name: String, value: AMQPFieldValue)], in arena: AMQPArena) -> amqp_table_t {
        let entries = arena.allocate(amqp_table_entry_t.self, count: headers.count)
        for (index, header) in headers.enumerated() {
            entries[index].key = arena.bytes(Array(header.name.utf8))
            entries[index].value = field(header.value, in: arena)
        }
        return amqp_table_t(num_entries: Int32(headers.count), entries: headers.isEmpty ? nil : entries)
    }

    private static func field(_ value: AMQPFieldValue, in arena: AMQPArena) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .bool(let flag): field.kind = UInt8(ascii: "t"); field.value.boolean = flag ? 1 : 0
        case .integer(let number): field.kind = UInt8(ascii: "l"); field.value.i64 = number
        case .unsigned(let number): field.kind = UInt8(ascii: "l"); field.value.i64 = Int64(clamping: number)
        case .double(let number): field.kind = UInt8(ascii: "d"); field.value.f64 = number
        case .timestamp(let seconds): field.kind = UInt8(ascii: "T"); field.value.u64 = seconds
        case .bytes(let bytes): field.kind = UInt8(ascii: "S"); field.value.bytes = arena.bytes(bytes)
        case .table(let entries): field.kind = UInt8(ascii: "F"); field.value.table = encode(entries.map { ($0.name, $0.value) }, in: arena)
        case .array(let values):
            let fields = arena.allocate(amqp_field_value_t.self, count: values.count)
            for (index, element) in values.enumerated() { fields[index] = Self.field(element, in: arena) }
            field.kind = UInt8(ascii: "A")
            field.value.array = amqp_array_t(num_entries: Int32(values.count), entries: values.isEmpty ? nil : fields)
        case .void: field.kind = UInt8(ascii: "V")
        }
        return field
    }
}

#endif
