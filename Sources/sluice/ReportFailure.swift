/// Writes one line to standard error: the user-facing error, never a stack trace.
func reportFailure(_ message: String) {
    Console.error("sluice: \(message)")
}
