import Broker
import SluiceModel

/// What the run measures of one queue after the warm-up: waits, sojourns, time-averaged lengths.
struct QueueStatistics {
    let name: String
    let queue: WorkQueue
    var offered: Int64 = 0
    var enqueued: Int64 = 0
    var rejected: Int64 = 0
    var dropped: Int64 = 0
    /// Enqueue to the start of the first delivery, seconds.
    var waits = RunningMean()
    /// Enqueue to ack, seconds.
    var sojourns = RunningMean()
    /// Every departure (acked, or dead-lettered when a consumer gives up): time in the system, for Little's law.
    var departures = RunningMean()
    var inSystem = TimeWeightedMean()
    /// Exact area under the number of messages held, for Little's law.
    var heldArea = LevelArea()
    /// Time in the system within the window of every departure seen (ack, dead-lettered on nack), nanoseconds.
    var departedResidence: Int64 = 0
    var waiting = TimeWeightedMean()
    var busy = TimeWeightedMean()
    var servers = TimeWeightedMean()
    /// Messages consumers are working on right now.
    var inService = 0
    /// Consumer slots (instances times concurrency) currently able to work.
    var slots = 0
    var ackedInWindow: Int64 = 0
    /// Set when a redrive moved messages back: conservation then also counts redriven messages.
    var redriven = false

    init(queue: WorkQueue) {
        self.queue = queue
        name = queue.name
    }

    /// Records the queue's levels at `now` (call after anything that may change them).
    mutating func observe(at now: Nanos) {
        let depth = queue.depth
        inSystem.set(Double(depth), at: now)
        heldArea.set(Int64(depth), at: now)
        waiting.set(Double(max(0, depth - inService)), at: now)
        busy.set(Double(inService), at: now)
        servers.set(Double(slots), at: now)
    }

    mutating func openWindow(at now: Nanos) {
        inSystem.restartWindow(at: now)
        heldArea.restart(at: now)
        waiting.restartWindow(at: now)
        busy.restartWindow(at: now)
        servers.restartWindow(at: now)
    }

    /// Counts one departure's time in the system (within the statistics window).
    mutating func noteDeparture(enqueuedAt: Nanos, at now: Nanos, windowStart: Nanos, sojourn: Bool) {
        departedResidence += now - max(enqueuedAt, windowStart)
        guard enqueuedAt >= windowStart else { return }
        let seconds = Double(now - enqueuedAt) / 1e9
        departures.add(seconds)
        if sojourn {
            sojourns.add(seconds)
            ackedInWindow += 1
        }
    }

    /// Busy slots over available slots, time-averaged.
    func utilization(until now: Nanos) -> Double {
        let capacity = servers.mean(until: now)
        return capacity > 0 ? busy.mean(until: now) / capacity : 0
    }
}
