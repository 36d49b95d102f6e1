public import SluiceModel

/// One stream entry: its id and its field/value pairs, as XRANGE returns them. Bytes are untrusted.
public struct RedisEntry: Sendable, Equatable {
    public var id: RedisEntryID
    public var fields: [(name: [UInt8], value: [UInt8])]

    public init(id: RedisEntryID, fields: [(name: [UInt8], value: [UInt8])]) { self.id = id; self.fields = fields }

    public static func == (left: RedisEntry, right: RedisEntry) -> Bool {
        left.id == right.id && left.fields.count == right.fields.count
            && zip(left.fields, right.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Reads one `[id, [field, value, ...]]` element of an XRANGE reply.
    public init?(reply: RedisReply) {
        guard let parts = reply.elements, parts.count == 2, let id = parts[0].text.flatMap(RedisEntryID.init) else { return nil }
        let flat = parts[1].elements ?? []
        var fields: [(name: [UInt8], value: [UInt8])] = []
        for index in stride(from: 0, to: flat.count - 1, by: 2) {
            guard case .string(let name) = flat[index], case .string(let value) = flat[index + 1] else { continue }
            fields.append((name, value))
        }
        self.init(id: id, fields: fields)
    }

    /// All entries of an XRANGE or XREVRANGE reply.
    public static func entries(_ reply: RedisReply) -> [RedisEntry] {
        (reply.elements ?? []).compactMap(RedisEntry.init(reply:))
    }

    public func value(of field: String) -> [UInt8]? {
        let name = Array(field.utf8)
        return fields.first { $0.name == name }?.value
    }

    /// The entry as the inspector shows it: every field as a header, the `value` field (else all of
    /// them, `name=value` apart by spaces) as the value, the `key` field as the key.
    public func inspected(offset: Int64?, runTime: (Int64) -> Nanos) -> InspectedMessage {
        let headers = fields.map { Header(String(decoding: $0.name, as: UTF8.self), $0.value) }
        let body = value(of: "value") ?? Array(fields.map { $0.name + Array("=".utf8) + $0.value }.joined(separator: Array(" ".utf8)))
        return InspectedMessage(offset: offset, messageId: id.description, key: value(of: "key"), headers: headers,
                                value: body, timestamp: runTime(id.epochNanos))
    }
}

/// The fields an `XADD` from the publish form writes.
public enum RedisPublishFields {
    /// Headers first, then `key`, then the value: `name=value` words become fields of their own,
    /// anything else goes into one field named `value`.
    public static func make(key: String?, value: [UInt8], headers: [Header]) -> [[UInt8]] {
        var fields: [[UInt8]] = []
        for header in headers { fields += [Array(header.name.utf8), header.value] }
        if let key { fields += [Array("key".utf8), Array(key.utf8)] }
        let words = value.split(separator: UInt8(ascii: " "))
        let pairs = words.compactMap { word -> ([UInt8], [UInt8])? in
            guard let equals = word.firstIndex(of: UInt8(ascii: "=")), equals > word.startIndex else { return nil }
            return (Array(word[..<equals]), Array(word[word.index(after: equals)...]))
        }
        if !words.isEmpty, pairs.count == words.count {
            for (name, text) in pairs { fields += [name, text] }
        } else if !value.isEmpty || fields.isEmpty {
            fields += [Array("value".utf8), value]
        }
        return fields
    }
}
