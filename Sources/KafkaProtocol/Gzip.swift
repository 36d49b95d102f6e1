/// gzip through zlib (libz.so.1), opened at run time.
enum Gzip {
    struct Functions: @unchecked Sendable {
        let version: @convention(c) () -> UnsafePointer<CChar>
        let inflateInit: @convention(c) (UnsafeMutableRawPointer, Int32, UnsafePointer<CChar>, Int32) -> Int32
        let inflate: @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32
        let inflateEnd: @convention(c) (UnsafeMutableRawPointer) -> Int32
        let deflateInit: @convention(c) (UnsafeMutableRawPointer, Int32, Int32, Int32, Int32, Int32, UnsafePointer<CChar>, Int32) -> Int32
        let deflate: @convention(c) (UnsafeMutableRawPointer, Int32) -> Int32
        let deflateEnd: @convention(c) (UnsafeMutableRawPointer) -> Int32
        let deflateBound: @convention(c) (UnsafeMutableRawPointer, UInt) -> UInt
    }

    static let library: Result<Functions, KafkaCompressionError> = SharedLibrary.open(
        ["libz.so.1", "libz.so", "libz.dylib"], codec: .gzip, aptPackage: "zlib1g"
    ).flatMap { library in
        guard let version = library.function("zlibVersion", as: (@convention(c) () -> UnsafePointer<CChar>).self),
              let inflateInit = library.function("inflateInit2_", as: (@convention(c) (UnsafeMutableRawPointer, Int32, UnsafePointer<CChar>, Int32) -> Int32).self),
              let inflate = library.function("inflate", as: (@convention(c) (UnsafeMutableRawPointer, Int32) -> Int32).self),
              let inflateEnd = library.function("inflateEnd", as: (@convention(c) (UnsafeMutableRawPointer) -> Int32).self),
              let deflateInit = library.function("deflateInit2_", as: (@convention(c) (UnsafeMutableRawPointer, Int32, Int32, Int32, Int32, Int32, UnsafePointer<CChar>, Int32) -> Int32).self),
              let deflate = library.function("deflate", as: (@convention(c) (UnsafeMutableRawPointer, Int32) -> Int32).self),
              let deflateEnd = library.function("deflateEnd", as: (@convention(c) (UnsafeMutableRawPointer) -> Int32).self),
              let deflateBound = library.function("deflateBound", as: (@convention(c) (UnsafeMutableRawPointer, UInt) -> UInt).self)
        else { return .failure(.libraryMissing(codec: .gzip, library: "libz.so.1 (inflate/deflate)", aptPackage: "zlib1g")) }
        return .success(Functions(version: version, inflateInit: inflateInit, inflate: inflate, inflateEnd: inflateEnd,
                                  deflateInit: deflateInit, deflate: deflate, deflateEnd: deflateEnd, deflateBound: deflateBound))
    }

    // zlib's return and flush codes.
    private static let ok: Int32 = 0, streamEnd: Int32 = 1, bufferError: Int32 = -5, finish: Int32 = 4, noFlush: Int32 = 0

    static func decompress(_ input: [UInt8], limit: Int) throws(KafkaCompressionError) -> [UInt8] {
        let zlib = try library.get()
        let stream = ZStream()
        // 15 bits of window, +32: accept a gzip or a zlib header.
        guard zlib.inflateInit(stream.pointer, 15 + 32, zlib.version(), Int32(ZStream.size)) == ok else {
            throw .corrupt(codec: .gzip, reason: "inflateInit2 failed")
        }
        defer { _ = zlib.inflateEnd(stream.pointer) }
        return try input.withUnsafeBytes { source in Result { () throws(KafkaCompressionError) -> [UInt8] in
            stream.setInput(source)
            return try BoundedOutput.collect(codec: .gzip, limit: limit, expected: input.count * 4) { space in
                let before = stream.totalOut
                stream.setOutput(space)
                let code = zlib.inflate(stream.pointer, noFlush)
                let written = stream.totalOut - before
                switch code {
                case streamEnd: return .success((written, true))
                case ok, bufferError:
                    if written == 0 && stream.availableIn == 0 {
                        return .failure(.corrupt(codec: .gzip, reason: "truncated"))
                    }
                    return .success((written, false))
                default: return .failure(.corrupt(codec: .gzip, reason: "inflate returned \(code)"))
                }
            }
        } }.get()
    }

    static func compress(_ input: [UInt8]) throws(KafkaCompressionError) -> [UInt8] {
        let zlib = try library.get()
        let stream = ZStream()
        // Level 6 (zlib's default), deflate, 15 bits of window +16 for a gzip header, memLevel 8, default strategy.
        guard zlib.deflateInit(stream.pointer, 6, 8, 15 + 16, 8, 0, zlib.version(), Int32(ZStream.size)) == ok else {
            throw .corrupt(codec: .gzip, reason: "deflateInit2 failed")
        }
        defer { _ = zlib.deflateEnd(stream.pointer) }
        // A gzip header and trailer come on top of deflateBound's zlib-sized bound.
        var output = [UInt8](repeating: 0, count: Int(zlib.deflateBound(stream.pointer, UInt(input.count))) + 32)
        let code = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                stream.setInput(source)
                stream.setOutput(destination)
                return zlib.deflate(stream.pointer, finish)
            }
        }
        guard code == streamEnd else { throw .corrupt(codec: .gzip, reason: "deflate returned \(code)") }
        output.removeSubrange(stream.totalOut...)
        return output
    }
}

/// zlib's `z_stream`, laid out by hand for LP64 (64-bit Linux and macOS), so that no zlib header is needed.
private final class ZStream {
    static let size = 112
    private static let nextIn = 0, availIn = 8, nextOut = 24, availOut = 32, totalOutOffset = 40

    private let storage: UnsafeMutableRawPointer

    init() {
        storage = UnsafeMutableRawPointer.allocate(byteCount: Self.size, alignment: 8)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: Self.size)
    }

    deinit { storage.deallocate() }

    var pointer: UnsafeMutableRawPointer { storage }

    func setInput(_ buffer: UnsafeRawBufferPointer) {
        storage.storeBytes(of: buffer.baseAddress, toByteOffset: Self.nextIn, as: UnsafeRawPointer?.self)
        storage.storeBytes(of: UInt32(buffer.count), toByteOffset: Self.availIn, as: UInt32.self)
    }

    func setOutput(_ buffer: UnsafeMutableRawBufferPointer) {
        storage.storeBytes(of: buffer.baseAddress, toByteOffset: Self.nextOut, as: UnsafeMutableRawPointer?.self)
        storage.storeBytes(of: UInt32(buffer.count), toByteOffset: Self.availOut, as: UInt32.self)
    }

    var availableIn: UInt32 { storage.load(fromByteOffset: Self.availIn, as: UInt32.self) }
    var totalOut: Int { Int(storage.load(fromByteOffset: Self.totalOutOffset, as: UInt.self)) }
}
