/// Base64 (RFC 4648, with padding) for SCRAM's salts, nonces and proofs: the listener needs no Foundation for it.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8: UInt32] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, UInt32($0)) })

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = bytes[start..<min(start + 3, bytes.count)]
            var word: UInt32 = 0
            for (index, byte) in chunk.enumerated() { word |= UInt32(byte) << (16 - 8 * UInt32(index)) }
            for index in 0..<4 {
                out.append(index <= chunk.count ? alphabet[Int(word >> (18 - 6 * UInt32(index)) & 63)] : UInt8(ascii: "="))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes, or nil for text that is not padded base64.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        for start in stride(from: 0, to: chars.count, by: 4) {
            let quad = chars[start..<start + 4]
            let padding = quad.reversed().prefix { $0 == UInt8(ascii: "=") }.count
            guard padding <= 2, start + 4 == chars.count || padding == 0 else { return nil }
            var word: UInt32 = 0
            for (index, char) in quad.prefix(4 - padding).enumerated() {
                guard let value = values[char] else { return nil }
                word |= value << (18 - 6 * UInt32(index))
            }
            for index in 0..<(3 - padding) { out.append(UInt8(truncatingIfNeeded: word >> (16 - 8 * UInt32(index)))) }
        }
        return out
    }
}
