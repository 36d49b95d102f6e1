/// Zstandard through libzstd (libzstd.so.1), opened at run time.
enum Zstd {
    struct Functions: @unchecked Sendable {
        let compressBound: @convention(c) (Int) -> Int
        let compress: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
        let isError: @convention(c) (Int) -> UInt32
        let errorName: @convention(c) (Int) -> UnsafePointer<CChar>
        let createStream: @convention(c) () -> OpaquePointer?
        let freeStream: @convention(c) (OpaquePointer?) -> Int
        let initStream: @convention(c) (OpaquePointer?) -> Int
        let decompressStream: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int
    }

    static let library: Result<Functions, KafkaCompressionError> = SharedLibrary.open(
        ["libzstd.so.1", "libzstd.so", "libzstd.dylib"], codec: .zstd, aptPackage: "libzstd1"
    ).flatMap { library in
        guard let bound = library.function("ZSTD_compressBound", as: (@convention(c) (Int) -> Int).self),
              let compress = library.function("ZSTD_compress", as: (@convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int).self),
              let isError = library.function("ZSTD_isError", as: (@convention(c) (Int) -> UInt32).self),
              let errorName = library.function("ZSTD_getErrorName", as: (@convention(c) (Int) -> UnsafePointer<CChar>).self),
              let create = library.function("ZSTD_createDStream", as: (@convention(c) () -> OpaquePointer?).self),
              let free = library.function("ZSTD_freeDStream", as: (@convention(c) (OpaquePointer?) -> Int).self),
              let initialise = library.function("ZSTD_initDStream", as: (@convention(c) (OpaquePointer?) -> Int).self),
              let step = library.function("ZSTD_decompressStream", as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int).self)
        else { return .failure(.libraryMissing(codec: .zstd, library: "libzstd.so.1", aptPackage: "libzstd1")) }
        return .success(Functions(compressBound: bound, compress: compress, isError: isError, errorName: errorName,
                                  createStream: create, freeStream: free, initStream: initialise, decompressStream: step))
    }

    static func decompress(_ input: [UInt8], limit: Int) throws(KafkaCompressionError) -> [UInt8] {
        let zstd = try library.get()
        guard let stream = zstd.createStream() else { throw .corrupt(codec: .zstd, reason: "no decompression stream") }
        defer { _ = zstd.freeStream(stream) }
        _ = zstd.initStream(stream)
        // ZSTD_inBuffer and ZSTD_outBuffer are each { pointer, size, pos }: three machine words.
        let inBuffer = UnsafeMutablePointer<Int>.allocate(capacity: 3)
        let outBuffer = UnsafeMutablePointer<Int>.allocate(capacity: 3)
        defer { inBuffer.deallocate(); outBuffer.deallocate() }
        return try input.withUnsafeBytes { source in Result { () throws(KafkaCompressionError) -> [UInt8] in
            inBuffer[0] = Int(bitPattern: source.baseAddress)
            inBuffer[1] = source.count
            inBuffer[2] = 0
            return try BoundedOutput.collect(codec: .zstd, limit: limit, expected: input.count * 4) { space in
                outBuffer[0] = Int(bitPattern: space.baseAddress)
                outBuffer[1] = space.count
                outBuffer[2] = 0
                let result = zstd.decompressStream(stream, UnsafeMutableRawPointer(outBuffer), UnsafeMutableRawPointer(inBuffer))
                if zstd.isError(result) != 0 { return .failure(.corrupt(codec: .zstd, reason: String(cString: zstd.errorName(result)))) }
                let written = outBuffer[2], inputLeft = inBuffer[1] - inBuffer[2]
                // 0: a frame ended; more input may hold another frame.
                if result == 0 && inputLeft == 0 { return .success((written, true)) }
                if inputLeft == 0 && written < space.count { return .failure(.corrupt(codec: .zstd, reason: "truncated frame")) }
                return .success((written, false))
            }
        } }.get()
    }

    static func compress(_ input: [UInt8]) throws(KafkaCompressionError) -> [UInt8] {
        let zstd = try library.get()
        var output = [UInt8](repeating: 0, count: zstd.compressBound(input.count))
        let size = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                // Level 3 is zstd's default.
                zstd.compress(destination.baseAddress, destination.count, source.baseAddress, source.count, 3)
            }
        }
        guard zstd.isError(size) == 0 else { throw .corrupt(codec: .zstd, reason: String(cString: zstd.errorName(size))) }
        output.removeSubrange(size...)
        return output
    }
}
