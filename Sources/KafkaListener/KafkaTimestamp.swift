import SluiceModel

/// Kafka's timestamps are epoch milliseconds; the broker's are nanoseconds.
enum KafkaTimestamp {
    /// `milliseconds` in nanoseconds, or nil when a hostile value would overflow.
    static func nanos(_ milliseconds: Int64) -> Nanos? {
        let (result, overflow) = milliseconds.multipliedReportingOverflow(by: NanosPerUnit.millisecond)
        return overflow ? nil : result
    }

    static func milliseconds(_ nanos: Nanos) -> Int64 { nanos / NanosPerUnit.millisecond }

    /// A record's absolute timestamp from its batch's base and its delta, or nil on overflow.
    static func nanos(base: Int64, delta: Int64) -> Nanos? {
        let (sum, overflow) = base.addingReportingOverflow(delta)
        return overflow ? nil : nanos(sum)
    }
}
