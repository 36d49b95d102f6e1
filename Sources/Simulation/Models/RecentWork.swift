import SluiceModel

/// What one instance finished and failed in each of the last few full simulated seconds: the one
/// window its rate and its error share are both read over, for stream members and queue consumers alike.
struct RecentWork {
    private var processed = [Int64](repeating: 0, count: RateWindow.seconds)
    private var failed = [Int64](repeating: 0, count: RateWindow.seconds)
    private var next = 0
    private var filled = 0

    /// Closes one second.
    mutating func close(processed done: Int64, failed failures: Int64) {
        processed[next] = done
        failed[next] = failures
        next = (next + 1) % RateWindow.seconds
        filled = min(filled + 1, RateWindow.seconds)
    }

    /// Records finished per second over the window (over the seconds there were, early in a run).
    var perSecond: Double { filled == 0 ? 0 : Double(processed.reduce(0, +)) / Double(filled) }

    /// Failed attempts over all attempts in the window.
    var errorRate: Double {
        let failures = failed.reduce(0, +), attempts = failures + processed.reduce(0, +)
        return attempts == 0 ? 0 : Double(failures) / Double(attempts)
    }
}
