import Broker
import SluiceModel

/// What a consumer reads, with the id of the state only its kind has: a stream consumer's group and its
/// `StreamConsumerID`, or a queue consumer's queue and its `QueueConsumerID`. Code that needs one kind's
/// state matches the case and gets the id; the other kind's state cannot be reached from it.
enum ConsumerSource {
    case stream(group: ConsumerGroup, StreamConsumerID)
    case queue(WorkQueue, QueueConsumerID)

    /// The stream consumer's id; nil for a queue consumer.
    var stream: StreamConsumerID? { if case .stream(_, let id) = self { id } else { nil } }
}

/// What every consumer (all its instances) has, stream or queue: the model of its code, its instances,
/// and the counts of what its side effects did, against which duplicates are counted. What only one
/// kind has is in `StreamConsumerState` or `QueueConsumerState`.
struct ConsumerState {
    let spec: ConsumerSpec
    let source: ConsumerSource
    let poison: PoisonMatcher
    var random: SeededGenerator
    /// Its instances, in instance-number order (removed ones too).
    var instances: [InstanceID] = []
    /// Members that may have something to do: for a stream, a poll asked for or records polled; for a
    /// queue, prefetched deliveries or no ask yet. A dispatch visits these, not every member, so its
    /// cost does not grow with the size of the group.
    var membersWithWork = Set<InstanceID>()
    var nextInstanceNumber = 1
    let downstream: DownstreamID?
    var paused = false
    var processed: Int64 = 0
    var failed: Int64 = 0
    var duplicatesDelivered: Int64 = 0
    var duplicateEffects: Int64 = 0
    /// Processed after the warm-up, for throughput.
    var processedInWindow: Int64 = 0
    /// Rotates which instance receives first, so idle instances share the work.
    var cursor = 0

    init(spec: ConsumerSpec, source: ConsumerSource, random: SeededGenerator, downstream: DownstreamID?) {
        self.spec = spec
        self.source = source
        self.random = random
        self.downstream = downstream
        poison = PoisonMatcher(spec.poison)
    }

    /// What it reads: its group, or its queue.
    var consumerSource: GroupOrQueue {
        switch source {
        case .stream(let group, _): .group(group.id)
        case .queue(let queue, _): .queue(queue.name)
        }
    }

    /// `topic/group` for stream consumers, the queue name for queue consumers: text for people and logs.
    var sourceName: String { consumerSource.description }
}
