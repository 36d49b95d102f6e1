import DequeModule
import SluiceModel

/// Message ids seen within the last `window` nanoseconds, each with where its first copy went.
struct DedupeWindow<Origin> {
    /// JetStream's default duplicate window.
    static var defaultWindow: Nanos { 2 * 60 * NanosPerUnit.second }

    let window: Nanos
    private var seen: [String: Origin] = [:]
    private var arrivals: Deque<(at: Nanos, id: String)> = []

    init(window: Nanos) { self.window = window }

    /// Where the first copy of `id` went, if it arrived within the window before `now`.
    mutating func original(of id: String, now: Nanos) -> Origin? {
        forgetExpired(now: now)
        return seen[id]
    }

    /// Remembers `id` from `now` until the window has passed.
    mutating func remember(_ id: String, origin: Origin, now: Nanos) {
        guard window > 0 else { return }
        seen[id] = origin
        arrivals.append((now, id))
    }

    private mutating func forgetExpired(now: Nanos) {
        while let oldest = arrivals.first, oldest.at <= now - window {
            arrivals.removeFirst()
            seen[oldest.id] = nil
        }
    }
}
