import Broker

typealias StreamConsumerID = EntityID<StreamConsumerState>

/// What only a stream consumer has: its group, and per partition its owner, where it started and what it
/// dealt with, against which losses, duplicates, dead letters and per-key order are counted.
struct StreamConsumerState {
    /// The consumer this is the stream state of (its spec, instances and shared counts).
    let consumer: ConsumerID
    let group: ConsumerGroup
    /// Per partition: what the side effect ran for. For an idempotent consumer this is also its dedupe store.
    var effects: [IntervalSet]
    /// Per partition: offsets dealt with: processed, parked, or skipped on purpose by a seek.
    var accounted: [IntervalSet]
    /// Offsets parked after their last attempt, per partition: a record parked again after a replay is
    /// still one dead letter.
    var parkedOffsets: [IntervalSet]
    /// Per partition: the offset where the group started reading, for loss accounting.
    let startOffsets: [Int64]
    /// Per partition: the instance owning it, after the latest rebalance.
    var owners: [InstanceID?]
    /// Per partition: bumped when its position moves under a consumer (rebalance, seek), so a job
    /// started before does not commit over the new position.
    var partitionEpochs: [Int]
    /// Per partition: the last offset processed for each key since the last rewind.
    var lastOffsetByKey: [[[UInt8]: Int64]]
    /// Distinct records parked after their last attempt.
    var parked: Int64 = 0
    /// Records a person committed past while the consumer was stuck on them (`Command.skip`).
    var skipped: Int64 = 0
    var orderViolations: Int64 = 0
    /// The group's largest lag sampled after the warm-up.
    var maxLag: Int64 = 0
    /// What lessons measure of its group.
    var measures: GroupMeasures
    /// Per instance, by its position in the consumer's instance list: what it polled and works on.
    var members: [StreamMemberState] = []

    init(consumer: ConsumerID, group: ConsumerGroup, startOffsets: [Int64]) {
        self.consumer = consumer
        self.group = group
        self.startOffsets = startOffsets
        let partitions = group.topic.partitionCount
        effects = Array(repeating: IntervalSet(), count: partitions)
        accounted = Array(repeating: IntervalSet(), count: partitions)
        parkedOffsets = Array(repeating: IntervalSet(), count: partitions)
        owners = Array(repeating: nil, count: partitions)
        partitionEpochs = Array(repeating: 0, count: partitions)
        lastOffsetByKey = Array(repeating: [:], count: partitions)
        measures = GroupMeasures(partitions: partitions)
    }

    var topic: Topic { group.topic }
}
