#if NATS
import CNats
import AttachSupport

/// Turns a C client status into a thrown error that says what Sluice was doing.
func natsCheck(_ status: natsStatus, _ doing: @autoclosure () -> String) throws(AttachError) {
    guard status != NATS_OK else { return }
    throw AttachError("could not \(doing()): \(natsErrorText(status))")
}

/// The C client's most specific text for a failure: the thread's last error, else the status name.
func natsErrorText(_ status: natsStatus) -> String {
    var lastStatus = NATS_OK
    if let detail = nats_GetLastError(&lastStatus), lastStatus == status {
        var text = Substring(String(cString: detail))
        // The client prefixes its source position, "(conn.c:2088): ", which means nothing to a user.
        if text.hasPrefix("("), let end = text.firstRange(of: "): ") { text = text[end.upperBound...] }
        if !text.isEmpty { return String(text) }
    }
    return String(cString: natsStatus_GetText(status))
}

/// A C string from the client, or nil when it is NULL or empty.
func optionalString(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer, pointer.pointee != 0 else { return nil }
    return String(cString: pointer)
}
#endif
