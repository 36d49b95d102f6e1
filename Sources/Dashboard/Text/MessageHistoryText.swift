import SluiceModel

/// A message's history as a person reads it: times like the header clock, counts in words.
enum MessageHistoryText {
    static func line(_ event: MessageHistoryEvent) -> String {
        switch event {
        case .enqueued(let at): "enqueued at " + Format.clock(at)
        case .firstDelivered(let at): "first delivered at " + Format.clock(at)
        case .delivered(let times, let lastAt): "delivered \(times) times, last at " + Format.clock(lastAt)
        case .delayed(let until): "delayed until " + Format.clock(until)
        case .inFlight(let consumer, let until):
            "in flight with " + UntrustedText.escape(consumer ?? "?") + ", ack deadline " + Format.clock(until)
        case .deadLettered(let source, let sequence, let deliveries, let first, let last, let at, let reason):
            UntrustedText.escape(source) + " #\(sequence): \(deliveries) deliveries"
                + (first.map { ", first at " + Format.clock($0) } ?? "") + (last.map { ", last at " + Format.clock($0) } ?? "")
                + "; dead-lettered at " + Format.clock(at) + ": " + UntrustedText.escape(reason)
        case .attempt(let consumer, let attempt, let lastError):
            UntrustedText.escape(consumer) + " is on it: attempt \(attempt)"
                + (lastError.map { ", last error: " + UntrustedText.escape($0) } ?? "")
        case .note(let text): UntrustedText.escape(text)
        }
    }
}
