public import Broker
public import SluiceModel

/// Live time in nanoseconds since the Unix epoch, as Kafka's timestamps count: read once from the system's
/// real-time clock, then carried forward by the monotonic clock so that it never steps back.
///
/// A broker serving Kafka clients runs on it, so that a client's CreateTime, a LogAppendTime and a seek
/// to a time all sit on one time line.
public struct EpochClock: BrokerClock {
    private let startedAt: Nanos
    private let elapsed = MonotonicClock()

    public init() { startedAt = SystemTime.epochNanos() }

    public func now() -> Nanos { startedAt + elapsed.now() }
}
