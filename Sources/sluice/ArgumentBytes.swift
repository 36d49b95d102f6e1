import Glibc
import SluiceModel

/// Arguments reach Swift already decoded, with invalid UTF-8 replaced by U+FFFD: a path holding such
/// a byte would quietly name another file ("no such file"). Each argument's own bytes are checked first.
enum ArgumentBytes {
    /// The first argument (1-based, after the program's name) that is not UTF-8, shown escaped.
    static func firstInvalid() -> (position: Int, shown: String)? {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }
            if String(validating: bytes, as: UTF8.self) == nil { return (index, UntrustedText.escape(bytes)) }
        }
        return nil
    }
}
