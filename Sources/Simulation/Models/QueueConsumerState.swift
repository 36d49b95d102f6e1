import Broker

typealias QueueConsumerID = EntityID<QueueConsumerState>

/// What only a queue consumer has: its queue, how many deliveries each instance holds, and which
/// messages its side effect ran for.
struct QueueConsumerState {
    /// The consumer this is the queue state of (its spec, instances and shared counts).
    let consumer: ConsumerID
    let queue: WorkQueue
    /// The queue's statistics (`SimulatedQueues`), found once when the consumer is made.
    let stats: QueueID
    /// Deliveries an instance holds at most, in service and prefetched: `max_in_flight`, never below
    /// the concurrency.
    let prefetch: Int
    /// Queue sequences the side effect ran for. For an idempotent consumer this is also its dedupe store.
    var effects = IntervalSet()
    /// Per instance, by its position in the consumer's instance list: the deliveries it holds.
    var members: [QueueMemberState] = []

    init(consumer: ConsumerID, queue: WorkQueue, stats: QueueID, spec: ConsumerSpec) {
        self.consumer = consumer
        self.queue = queue
        self.stats = stats
        prefetch = max(spec.maxInFlight ?? spec.concurrency, spec.concurrency)
    }
}
