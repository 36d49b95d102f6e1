import Broker

/// What only a queue consumer's instance holds: deliveries received and not started (prefetch beyond
/// concurrency), and whether it has asked its queue yet. Kept in its consumer's `QueueConsumerState`, by
/// the instance's position there.
struct QueueMemberState {
    var deliveries = Ring<Delivery>()
    /// Has asked its queue for messages at least once (so the queue knows it as a consumer).
    var hasReceived = false
}
