#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C library opened at run time, so that building Sluice never needs its headers.
///
/// Compression is what a client asks for, not what every user needs: a machine without libsnappy still
/// runs the broker, and only a snappy batch gets an error that names the missing package. The listener's
/// SCRAM opens libcrypto the same way.
public struct SharedLibrary: @unchecked Sendable {
    // dlopen handles stay valid for the life of the process and may be used from any thread.
    private let handle: UnsafeMutableRawPointer

    /// Opens the first of `names` that loads; nil when none does.
    public static func open(_ names: [String]) -> SharedLibrary? {
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return SharedLibrary(handle: handle) }
        }
        return nil
    }

    /// Opens the first of `names` that loads, or says which package a codec needs.
    static func open(_ names: [String], codec: KafkaCompression, aptPackage: String) -> Result<SharedLibrary, KafkaCompressionError> {
        open(names).map { .success($0) } ?? .failure(.libraryMissing(codec: codec, library: names[0], aptPackage: aptPackage))
    }

    /// The C function `name`, typed as `Function` (a `@convention(c)` function type).
    public func function<Function>(_ name: String, as _: Function.Type) -> Function? {
        guard let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }
}
