/// The compression codecs a v2 record batch can carry, by their code in the batch attributes.
public enum KafkaCompression: Int16, CaseIterable, Sendable, CustomStringConvertible {
    case none = 0
    case gzip = 1
    case snappy = 2
    case lz4 = 3
    case zstd = 4

    public var description: String {
        switch self {
        case .none: "none"
        case .gzip: "gzip"
        case .snappy: "snappy"
        case .lz4: "lz4"
        case .zstd: "zstd"
        }
    }

    /// Compresses `bytes` in the form Kafka clients expect (gzip members, raw snappy, LZ4 frames, zstd frames).
    public func compress(_ bytes: [UInt8]) throws(KafkaCompressionError) -> [UInt8] {
        switch self {
        case .none: bytes
        case .gzip: try Gzip.compress(bytes)
        case .snappy: try Snappy.compress(bytes)
        case .lz4: try LZ4Frame.compress(bytes)
        case .zstd: try Zstd.compress(bytes)
        }
    }

    /// Decompresses `bytes`, refusing to produce more than `limit` bytes.
    public func decompress(_ bytes: ArraySlice<UInt8>, limit: Int) throws(KafkaCompressionError) -> [UInt8] {
        switch self {
        case .none:
            guard bytes.count <= limit else { throw .tooLarge(codec: self, limit: limit) }
            return Array(bytes)
        case .gzip: return try Gzip.decompress(Array(bytes), limit: limit)
        case .snappy: return try Snappy.decompress(Array(bytes), limit: limit)
        case .lz4: return try LZ4Frame.decompress(Array(bytes), limit: limit)
        case .zstd: return try Zstd.decompress(Array(bytes), limit: limit)
        }
    }

    /// Whether the codec's library can be loaded on this machine.
    public var isAvailable: Bool {
        switch self {
        case .none: true
        case .gzip: (try? Gzip.library.get()) != nil
        case .snappy: (try? Snappy.library.get()) != nil
        case .lz4: (try? LZ4Frame.library.get()) != nil
        case .zstd: (try? Zstd.library.get()) != nil
        }
    }
}
