import Broker

/// What only a stream consumer's instance holds: records polled and not started, whether it should poll,
/// and which partitions have a record in progress. Kept in its consumer's `StreamConsumerState`, by the
/// instance's position there.
struct StreamMemberState {
    /// Stream records polled but not started, per partition.
    var polled = PolledRecords()
    /// A member polls only when something may be there: a record appended to a partition it owns,
    /// a finished job, a rebalance, a seek, a resume.
    var needsPoll = true
    /// Partitions with a record in progress: a partition is processed one record at a time, in order.
    var busyPartitions: [Bool]

    init(partitions: Int) { busyPartitions = Array(repeating: false, count: partitions) }

    var bufferedRecords: Int { polled.count }

    /// Forgets everything polled and in progress (a crash, a removal).
    mutating func dropWork() {
        polled.removeAll()
        for partition in busyPartitions.indices { busyPartitions[partition] = false }
    }
}
