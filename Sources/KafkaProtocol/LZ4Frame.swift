/// LZ4 in the LZ4 frame format (what Kafka's v2 batches carry) through liblz4 (liblz4.so.1), opened at run time.
enum LZ4Frame {
    struct Functions: @unchecked Sendable {
        let createContext: @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UInt32) -> Int
        let freeContext: @convention(c) (OpaquePointer?) -> Int
        let decompress: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>,
                                        UnsafeRawPointer?, UnsafeMutablePointer<Int>, UnsafeRawPointer?) -> Int
        let isError: @convention(c) (Int) -> UInt32
        let errorName: @convention(c) (Int) -> UnsafePointer<CChar>
        let compressBound: @convention(c) (Int, UnsafeRawPointer?) -> Int
        let compressFrame: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, UnsafeRawPointer?) -> Int
    }

    static let library: Result<Functions, KafkaCompressionError> = SharedLibrary.open(
        ["liblz4.so.1", "liblz4.so", "liblz4.dylib"], codec: .lz4, aptPackage: "liblz4-1"
    ).flatMap { library in
        guard let create = library.function("LZ4F_createDecompressionContext",
                                            as: (@convention(c) (UnsafeMutablePointer<OpaquePointer?>, UInt32) -> Int).self),
              let free = library.function("LZ4F_freeDecompressionContext", as: (@convention(c) (OpaquePointer?) -> Int).self),
              let decompress = library.function("LZ4F_decompress", as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>, UnsafeRawPointer?, UnsafeMutablePointer<Int>, UnsafeRawPointer?) -> Int).self),
              let isError = library.function("LZ4F_isError", as: (@convention(c) (Int) -> UInt32).self),
              let errorName = library.function("LZ4F_getErrorName", as: (@convention(c) (Int) -> UnsafePointer<CChar>).self),
              let bound = library.function("LZ4F_compressFrameBound", as: (@convention(c) (Int, UnsafeRawPointer?) -> Int).self),
              let compress = library.function("LZ4F_compressFrame", as: (@convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, UnsafeRawPointer?) -> Int).self)
        else { return .failure(.libraryMissing(codec: .lz4, library: "liblz4.so.1 (LZ4F API)", aptPackage: "liblz4-1")) }
        return .success(Functions(createContext: create, freeContext: free, decompress: decompress, isError: isError,
                                  errorName: errorName, compressBound: bound, compressFrame: compress))
    }

    /// LZ4F_VERSION in lz4frame.h.
    private static let apiVersion: UInt32 = 100

    static func decompress(_ input: [UInt8], limit: Int) throws(KafkaCompressionError) -> [UInt8] {
        let lz4 = try library.get()
        var context: OpaquePointer?
        let created = lz4.createContext(&context, apiVersion)
        guard lz4.isError(created) == 0, context != nil else { throw .corrupt(codec: .lz4, reason: "no decompression context") }
        defer { _ = lz4.freeContext(context) }
        return try input.withUnsafeBytes { source in Result { () throws(KafkaCompressionError) -> [UInt8] in
            var consumed = 0
            return try BoundedOutput.collect(codec: .lz4, limit: limit, expected: input.count * 4) { space in
                var written = space.count
                var read = source.count - consumed
                let hint = lz4.decompress(context, space.baseAddress, &written, source.baseAddress.map { $0 + consumed }, &read, nil)
                consumed += read
                if lz4.isError(hint) != 0 { return .failure(.corrupt(codec: .lz4, reason: String(cString: lz4.errorName(hint)))) }
                // 0 means the frame is complete.
                if hint == 0 { return .success((written, true)) }
                if consumed == source.count && written < space.count {
                    return .failure(.corrupt(codec: .lz4, reason: "truncated frame"))
                }
                return .success((written, false))
            }
        } }.get()
    }

    static func compress(_ input: [UInt8]) throws(KafkaCompressionError) -> [UInt8] {
        let lz4 = try library.get()
        // LZ4F_preferences_t is 56 bytes; all zero is lz4's defaults, but for independent blocks (blockMode, at
        // byte 4), which every Kafka client reads.
        var preferences = [UInt8](repeating: 0, count: 56)
        preferences[4] = 1
        return preferences.withUnsafeBytes { preferences in
            var output = [UInt8](repeating: 0, count: lz4.compressBound(input.count, preferences.baseAddress))
            let size = input.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { destination in
                    lz4.compressFrame(destination.baseAddress, destination.count, source.baseAddress, source.count,
                                      preferences.baseAddress)
                }
            }
            output.removeSubrange(size...)
            return output
        }
    }
}
