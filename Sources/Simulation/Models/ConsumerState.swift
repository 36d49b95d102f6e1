import Broker
import SluiceModel

/// Where a consumer reads from.
enum ConsumerSource {
    case stream(group: ConsumerGroup, topic: Topic)
    case queue(WorkQueue)
}

/// A consumer (all its instances): the model of its code, and the ground truth of what its side
/// effects did, against which duplicates and losses are counted.
struct ConsumerState {
    let spec: ConsumerSpec
    let source: ConsumerSource
    let poison: PoisonMatcher
    var random: SeededGenerator
    /// Indexes into the simulation's instances, in instance-number order.
    var instances: [Int] = []
    /// Members that may have something to do: for a stream, a poll asked for or records polled; for a
    /// queue, prefetched deliveries or no ask yet. A dispatch visits these, not every member, so its
    /// cost does not grow with the size of the group.
    var membersWithWork = Set<Int>()
    var nextInstanceNumber = 1
    var downstream: DownstreamID?
    /// What the side effect ran for: queue sequences (one set) or stream offsets (one set per partition).
    /// For an idempotent consumer this is also its dedupe store.
    var effects: [IntervalSet]
    /// Stream offsets dealt with: processed, parked, or skipped on purpose by a seek.
    var accounted: [IntervalSet]
    /// Stream offsets parked after their last attempt, per partition: a record parked again after a
    /// replay is still one dead letter.
    var parkedOffsets: [IntervalSet]
    /// Per partition: the offset where the group started reading, for loss accounting.
    var startOffsets: [Int64]
    /// Per partition: the instance owning it, after the latest rebalance.
    var owners: [Int?]
    /// Per partition: bumped when its position moves under a consumer (rebalance, seek), so a job
    /// started before does not commit over the new position.
    var partitionEpochs: [Int]
    /// Per partition: the last offset processed for each key since the last rewind.
    var lastOffsetByKey: [[[UInt8]: Int64]]
    var paused = false
    var processed: Int64 = 0
    var failed: Int64 = 0
    var parked: Int64 = 0
    /// Records a person committed past while the consumer was stuck on them (`Command.skip`).
    var skipped: Int64 = 0
    var duplicatesDelivered: Int64 = 0
    var duplicateEffects: Int64 = 0
    var orderViolations: Int64 = 0
    /// Processed after the warm-up, for throughput.
    var processedInWindow: Int64 = 0
    /// Lag samples after the warm-up (streams).
    var maxLag: Int64 = 0
    /// Rotates which instance receives first, so idle instances share the work.
    var cursor = 0

    init(spec: ConsumerSpec, source: ConsumerSource, random: SeededGenerator) {
        self.spec = spec
        self.source = source
        self.random = random
        poison = PoisonMatcher(spec.poison)
        let partitions: Int
        switch source {
        case .stream(_, let topic): partitions = topic.partitionCount
        case .queue: partitions = 1
        }
        effects = Array(repeating: IntervalSet(), count: partitions)
        accounted = Array(repeating: IntervalSet(), count: partitions)
        parkedOffsets = Array(repeating: IntervalSet(), count: partitions)
        startOffsets = Array(repeating: 0, count: partitions)
        owners = Array(repeating: nil, count: partitions)
        partitionEpochs = Array(repeating: 0, count: partitions)
        lastOffsetByKey = Array(repeating: [:], count: partitions)
    }

    var isStream: Bool { if case .stream = source { true } else { false } }

    /// What it reads: its group, or its queue.
    var consumerSource: GroupOrQueue {
        switch source {
        case .stream(let group, _): .group(group.id)
        case .queue(let queue): .queue(queue.name)
        }
    }

    /// `topic/group` for stream consumers, the queue name for queue consumers: text for people and logs.
    var sourceName: String { consumerSource.description }

    /// The topic (or the queue) its records come from.
    var recordSourceName: String {
        switch source {
        case .stream(_, let topic): topic.name
        case .queue(let queue): queue.name
        }
    }
}
