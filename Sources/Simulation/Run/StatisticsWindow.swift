import SluiceModel

/// The stretch of the run statistics cover (after the warm-up), and the largest total lag sampled in it.
struct StatisticsWindow {
    /// When statistics started counting (the end of the warm-up).
    private(set) var start: Nanos
    private(set) var isOpen: Bool
    /// The largest total lag (all groups) sampled since the window opened.
    private(set) var maxTotalLag: Int64 = 0

    init(warmup: Nanos) {
        start = warmup
        isOpen = warmup == 0
    }

    mutating func open(at now: Nanos) {
        isOpen = true
        start = now
        maxTotalLag = 0
    }

    mutating func sampleTotalLag(_ lag: Int64) { maxTotalLag = max(maxTotalLag, lag) }

    /// Seconds of simulated time the window covers up to `now`.
    func seconds(until now: Nanos) -> Double { isOpen ? Double(max(0, now - start)) / 1e9 : 0 }

    /// Whether something that entered the system at `time` counts: the window is open and it entered in it.
    func counts(enteredAt time: Nanos) -> Bool { isOpen && time >= start }
}

/// What the simulation itself appended to each stream, against which the broker's count is checked.
struct StreamAppends {
    private var byTopic: [String: Int64] = [:]

    mutating func start(_ topic: String) { byTopic[topic] = 0 }
    mutating func note(_ topic: String) { byTopic[topic, default: 0] += 1 }

    /// In name order, so the check that reads them is reproducible.
    var sorted: [(topic: String, appended: Int64)] { byTopic.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}
