/// Why a record batch could not be compressed or decompressed.
public enum KafkaCompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The shared library for the codec is not installed.
    case libraryMissing(codec: KafkaCompression, library: String, aptPackage: String)
    /// The library refused the bytes (corrupt or truncated input).
    case corrupt(codec: KafkaCompression, reason: String)
    /// Decompressing would produce more than the limit allows.
    case tooLarge(codec: KafkaCompression, limit: Int)
    /// The batch names a compression attribute Kafka does not define.
    case unknownCodec(Int)

    public var description: String {
        switch self {
        case let .libraryMissing(codec, library, package):
            "\(codec) compression needs \(library), which is not installed (apt-get install \(package))"
        case let .corrupt(codec, reason): "\(codec) data is corrupt: \(reason)"
        case let .tooLarge(codec, limit): "\(codec) data decompresses to more than \(limit) bytes"
        case let .unknownCodec(code): "unknown compression code \(code)"
        }
    }
}
