public import SluiceModel

extension Counters {
    /// Adds every counter of `other` into this one.
    public mutating func add(_ other: Counters) {
        produced += other.produced
        delivered += other.delivered
        acked += other.acked
        nacked += other.nacked
        redelivered += other.redelivered
        deadLettered += other.deadLettered
        rejected += other.rejected
        dropped += other.dropped
        droppedToDeadLetter += other.droppedToDeadLetter
        duplicates += other.duplicates
        blocked += other.blocked
        skipped += other.skipped
    }
}
