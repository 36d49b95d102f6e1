/// Snappy through libsnappy (libsnappy.so.1), opened at run time: raw blocks, and the xerial framing Java clients write.
enum Snappy {
    typealias Status = Int32
    struct Functions: @unchecked Sendable {
        let compress: @convention(c) (UnsafePointer<CChar>?, Int, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<Int>) -> Status
        let uncompress: @convention(c) (UnsafePointer<CChar>?, Int, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<Int>) -> Status
        let maxCompressedLength: @convention(c) (Int) -> Int
        let uncompressedLength: @convention(c) (UnsafePointer<CChar>?, Int, UnsafeMutablePointer<Int>) -> Status
    }

    static let library: Result<Functions, KafkaCompressionError> = SharedLibrary.open(
        ["libsnappy.so.1", "libsnappy.so", "libsnappy.dylib"], codec: .snappy, aptPackage: "libsnappy1v5"
    ).flatMap { library in
        typealias Code = @convention(c) (UnsafePointer<CChar>?, Int, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<Int>) -> Status
        guard let compress = library.function("snappy_compress", as: Code.self),
              let uncompress = library.function("snappy_uncompress", as: Code.self),
              let bound = library.function("snappy_max_compressed_length", as: (@convention(c) (Int) -> Int).self),
              let length = library.function("snappy_uncompressed_length",
                                            as: (@convention(c) (UnsafePointer<CChar>?, Int, UnsafeMutablePointer<Int>) -> Status).self)
        else { return .failure(.libraryMissing(codec: .snappy, library: "libsnappy.so.1 (C API)", aptPackage: "libsnappy1v5")) }
        return .success(Functions(compress: compress, uncompress: uncompress, maxCompressedLength: bound, uncompressedLength: length))
    }

    /// The first eight bytes of a xerial snappy stream ("\u{82}SNAPPY\0"), then a version and a compatible version.
    static let xerialMagic: [UInt8] = [0x82, 0x53, 0x4E, 0x41, 0x50, 0x50, 0x59, 0x00]
    private static let xerialHeaderSize = 16

    static func decompress(_ input: [UInt8], limit: Int) throws(KafkaCompressionError) -> [UInt8] {
        guard input.starts(with: xerialMagic) else { return try decompressBlock(input[...], limit: limit) }
        var output: [UInt8] = []
        var position = xerialHeaderSize
        guard input.count >= position else { throw .corrupt(codec: .snappy, reason: "short xerial header") }
        while position < input.count {
            guard input.count - position >= 4 else { throw .corrupt(codec: .snappy, reason: "truncated xerial block size") }
            let size = input[position..<position + 4].reduce(0) { $0 << 8 | Int($1) }
            position += 4
            guard size <= input.count - position else { throw .corrupt(codec: .snappy, reason: "truncated xerial block") }
            output += try decompressBlock(input[position..<position + size], limit: limit - output.count)
            position += size
        }
        return output
    }

    /// Decompresses one raw snappy block, which states its own uncompressed length up front.
    private static func decompressBlock(_ block: ArraySlice<UInt8>, limit: Int) throws(KafkaCompressionError) -> [UInt8] {
        let snappy = try library.get()
        return try block.withUnsafeBytes { source in Result { () throws(KafkaCompressionError) -> [UInt8] in
            let base = source.baseAddress?.assumingMemoryBound(to: CChar.self)
            var length = 0
            guard snappy.uncompressedLength(base, source.count, &length) == 0 else {
                throw .corrupt(codec: .snappy, reason: "bad length header")
            }
            guard length <= limit else { throw .tooLarge(codec: .snappy, limit: limit) }
            var output = [UInt8](repeating: 0, count: length)
            let status = output.withUnsafeMutableBytes { destination in
                snappy.uncompress(base, source.count, destination.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            }
            guard status == 0 else { throw .corrupt(codec: .snappy, reason: "snappy_uncompress returned \(status)") }
            return output
        } }.get()
    }

    /// Raw snappy, as librdkafka writes it (Java clients and kafka-python read it as well as the xerial framing).
    static func compress(_ input: [UInt8]) throws(KafkaCompressionError) -> [UInt8] {
        let snappy = try library.get()
        var length = snappy.maxCompressedLength(input.count)
        var output = [UInt8](repeating: 0, count: length)
        let status = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                snappy.compress(source.baseAddress?.assumingMemoryBound(to: CChar.self), source.count,
                                destination.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            }
        }
        guard status == 0 else { throw .corrupt(codec: .snappy, reason: "snappy_compress returned \(status)") }
        output.removeSubrange(length...)
        return output
    }
}
