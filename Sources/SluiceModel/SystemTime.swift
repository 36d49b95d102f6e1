#if canImport(Glibc)
import Glibc
#endif

/// The system's clocks, read in one place: the monotonic clock for elapsed wall time (frames,
/// polls, timeouts; the broker's live `MonotonicClock` counts from it) and the real-time clock for
/// epoch timestamps (Kafka's, Redis ids).
public enum SystemTime {
    /// CLOCK_MONOTONIC in nanoseconds: never steps back, meaningless across processes.
    public static func monotonicNanos() -> Nanos { read(CLOCK_MONOTONIC) }

    /// Sleeps this long (through interruptions) and says how long it really slept.
    @discardableResult
    public static func sleep(nanos: Nanos) -> Nanos {
        let start = monotonicNanos()
        var request = timespec(tv_sec: Int(nanos / NanosPerUnit.second), tv_nsec: Int(nanos % NanosPerUnit.second))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
        return monotonicNanos() - start
    }

    /// CLOCK_REALTIME in nanoseconds since the Unix epoch.
    public static func epochNanos() -> Nanos { read(CLOCK_REALTIME) }

    private static func read(_ clock: clockid_t) -> Nanos {
        var time = timespec()
        clock_gettime(clock, &time)
        return Nanos(time.tv_sec) * NanosPerUnit.second + Nanos(time.tv_nsec)
    }
}
