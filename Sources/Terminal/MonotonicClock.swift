import Glibc
public import SluiceModel

/// Real elapsed time, for moving backends and pacing frames (never the simulation's own clock).
public enum MonotonicClock {
    public static func now() -> Nanos { SystemTime.monotonicNanos() }

    /// Sleeps this long (through interruptions) and says how long it really slept.
    @discardableResult
    public static func sleep(nanos: Nanos) -> Nanos {
        let start = now()
        var request = timespec(tv_sec: Int(nanos / NanosPerUnit.second), tv_nsec: Int(nanos % NanosPerUnit.second))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
        return now() - start
    }
}
