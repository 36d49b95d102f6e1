public import SluiceModel
import Synchronization

/// The only source of time the broker reads: nanoseconds that never go backwards.
public protocol BrokerClock: Sendable {
    /// The current time in nanoseconds since the clock's origin.
    func now() -> Nanos
}

/// A clock that moves only when told to: tests and the discrete-event simulation drive it.
public final class ManualClock: BrokerClock {
    private let nanos: Atomic<Int64>

    public init(now: Nanos = 0) { nanos = Atomic(now) }

    public func now() -> Nanos { nanos.load(ordering: .acquiring) }

    /// Moves the clock to `time`; a time earlier than now is ignored because the broker relies on
    /// time never going backwards.
    public func set(to time: Nanos) {
        var current = nanos.load(ordering: .relaxed)
        while time > current {
            let (exchanged, original) = nanos.compareExchange(
                expected: current, desired: time, ordering: .acquiringAndReleasing)
            if exchanged { return }
            current = original
        }
    }

    /// Moves the clock forward by `delta` nanoseconds (negative deltas are ignored).
    public func advance(by delta: Nanos) {
        guard delta > 0 else { return }
        nanos.add(delta, ordering: .acquiringAndReleasing)
    }
}

/// Live time: nanoseconds since this clock was created, from the system's monotonic clock.
public struct MonotonicClock: BrokerClock {
    private let origin: Nanos

    public init() { origin = SystemTime.monotonicNanos() }

    public func now() -> Nanos { SystemTime.monotonicNanos() - origin }
}
