import Foundation

/// Writes one line to standard error: the user-facing error, never a stack trace.
func reportFailure(_ message: String) {
    FileHandle.standardError.write(Data("sluice: \(message)\n".utf8))
}
