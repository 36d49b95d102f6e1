/// Decides whether a consumer's code always fails on a message: its poison rule, or the poison mark.
struct PoisonMatcher {
    private let key: [UInt8]?
    /// Byte patterns any of which in the payload means poison: `"field":value`, `"field":"value"`, with or without a space.
    private let patterns: [[UInt8]]

    init(_ rule: PoisonRule?) {
        switch rule {
        case .key(let text):
            key = Array(text.utf8)
            patterns = []
        case .field(let name, let value):
            key = nil
            patterns = [":", ": "].flatMap { separator in
                [value, "\"\(value)\""].map { Array("\"\(name)\"\(separator)\($0)".utf8) }
            }
        case nil:
            key = nil
            patterns = []
        }
    }

    func isPoison(key messageKey: [UInt8]?, value: [UInt8], marked: Bool) -> Bool {
        if marked { return true }
        if let key, messageKey == key { return true }
        return patterns.contains { value.containsSequence($0) }
    }
}

extension Array where Element == UInt8 {
    /// Whether `pattern` occurs in the bytes, followed by a character that ends a JSON value.
    func containsSequence(_ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty, pattern.count <= count else { return false }
        var start = 0
        while start + pattern.count <= count {
            if self[start] == pattern[0] && self[start..<(start + pattern.count)].elementsEqual(pattern) {
                let after = start + pattern.count
                // `"amount":1` must not match `"amount":10`.
                if after == count || [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: " "), UInt8(ascii: "]")].contains(self[after]) {
                    return true
                }
            }
            start += 1
        }
        return false
    }
}
