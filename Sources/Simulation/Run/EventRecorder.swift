import SluiceModel

/// The run's event log: a bounded recent window for the dashboard, optionally the full log for
/// determinism checks, and a digest of every event the engine processed.
struct EventRecorder {
    let capacity: Int
    let keepAll: Bool
    private var recent = Ring<EventLogEntry>()
    private(set) var all: [EventLogEntry] = []
    /// FNV-1a over every processed event and every log entry: equal digests mean equal runs.
    private(set) var digest: UInt64 = 0xCBF2_9CE4_8422_2325

    init(capacity: Int = 500, keepAll: Bool = false) {
        self.capacity = capacity
        self.keepAll = keepAll
    }

    mutating func record(_ entry: EventLogEntry) {
        if recent.count == capacity { _ = recent.popFirst() }
        recent.append(entry)
        if keepAll { all.append(entry) }
        mix(UInt64(bitPattern: entry.at))
        for byte in entry.text.utf8 { mix(UInt64(byte)) }
    }

    /// Folds one processed event into the digest.
    @inline(__always)
    mutating func note(time: Nanos, code: UInt64) {
        mix(UInt64(bitPattern: time))
        mix(code)
    }

    var entries: [EventLogEntry] { recent.elements }

    @inline(__always)
    private mutating func mix(_ value: UInt64) {
        digest = (digest ^ value) &* 0x0000_0100_0000_01B3
    }
}
