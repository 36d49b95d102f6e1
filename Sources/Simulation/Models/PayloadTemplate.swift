/// A producer's payload text with `{seq}`, `{key}`, `{id}` and `{producer}` filled in per message.
struct PayloadTemplate {
    private enum Part {
        case text([UInt8])
        case sequence, key, id, producer
    }

    private let parts: [Part]

    init(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        let placeholders: [(String, Part)] = [("{seq}", .sequence), ("{key}", .key), ("{id}", .id), ("{producer}", .producer)]
        var literal = ""
        while !rest.isEmpty {
            if let (name, part) = placeholders.first(where: { rest.hasPrefix($0.0) }) {
                if !literal.isEmpty { parts.append(.text(Array(literal.utf8))); literal = "" }
                parts.append(part)
                rest = rest.dropFirst(name.count)
            } else {
                literal.append(rest.removeFirst())
            }
        }
        if !literal.isEmpty { parts.append(.text(Array(literal.utf8))) }
        self.parts = parts
    }

    func render(sequence: Int64, key: String?, id: String, producer: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for part in parts {
            switch part {
            case .text(let text): bytes += text
            case .sequence: bytes += Array(String(sequence).utf8)
            case .key: bytes += Array((key ?? "").utf8)
            case .id: bytes += Array(id.utf8)
            case .producer: bytes += Array(producer.utf8)
            }
        }
        return bytes
    }
}
