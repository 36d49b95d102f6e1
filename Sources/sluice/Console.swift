import Glibc
import SluiceModel
import Synchronization

/// Every line the program prints goes through here: made safe for a terminal by the one escaper
/// (values from files and flags can hold escape sequences), and written with write(2) so that a
/// full disk or a closed file is noticed instead of lost in a buffer.
enum Console {
    /// The exit status when standard output could not be written.
    static let outputFailedStatus: Int32 = 4

    /// The first errno a write to standard output failed with (0: none failed).
    private static let outputError = Atomic<Int32>(0)

    /// One line (or several) on standard output.
    static func out(_ text: String, terminator: String = "\n") {
        let failure = write(UntrustedText.terminalSafe(text) + terminator, to: STDOUT_FILENO)
        if failure != 0 { _ = outputError.compareExchange(expected: 0, desired: failure, ordering: .relaxed) }
    }

    /// One line (or several) on standard error.
    static func error(_ text: String, terminator: String = "\n") {
        _ = write(UntrustedText.terminalSafe(text) + terminator, to: STDERR_FILENO)
    }

    /// Ends the process with `status`, unless standard output failed: then says so and exits 4.
    static func exit(_ status: Int32) -> Never {
        let failure = outputError.load(ordering: .relaxed)
        guard failure == 0 else {
            error("sluice: could not write the output: \(String(cString: strerror(failure)))")
            Glibc.exit(outputFailedStatus)
        }
        Glibc.exit(status)
    }

    /// Writes all of `text`; returns 0 or the errno that stopped it.
    private static func write(_ text: String, to descriptor: Int32) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> Int32 in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }
}
