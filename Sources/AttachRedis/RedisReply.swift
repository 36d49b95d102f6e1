/// One reply from the server, copied out of hiredis's reply tree (RESP2). Strings are untrusted bytes.
public indirect enum RedisReply: Sendable, Equatable {
    case string([UInt8])
    case status(String)
    case integer(Int64)
    case null
    case error(String)
    case array([RedisReply])

    /// A bulk or status string as text (invalid UTF-8 repaired); nil for anything else.
    public var text: String? {
        switch self {
        case .string(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    /// An integer reply, or a string that holds one (XINFO answers some figures as strings).
    public var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .string, .status: text.flatMap { Int64($0) }
        default: nil
        }
    }

    public var elements: [RedisReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// A flat name/value array (XINFO's answers) as a lookup; nil when the reply is not one.
    public var fields: RedisFields? {
        guard let elements, elements.count % 2 == 0 else { return nil }
        var fields: [String: RedisReply] = [:]
        for index in stride(from: 0, to: elements.count, by: 2) {
            guard let name = elements[index].text else { return nil }
            fields[name] = elements[index + 1]
        }
        return RedisFields(fields)
    }
}

/// The named fields of an XINFO reply.
public struct RedisFields: Sendable, Equatable {
    public let values: [String: RedisReply]
    public init(_ values: [String: RedisReply]) { self.values = values }

    public subscript(name: String) -> RedisReply? { values[name] }

    public func integer(_ name: String) -> Int64? { values[name]?.integer }
    public func text(_ name: String) -> String? { values[name]?.text }
    public func entryID(_ name: String) -> RedisEntryID? { text(name).flatMap(RedisEntryID.init) }
}
