import Broker
import SluiceModel

/// The simulation's per-queue statistics, kept beside the broker's queues under one index.
extension Simulation {
    /// Starts statistics for a queue: its index, its numbers and its touched flag, together.
    @discardableResult
    func registerStatistics(for queue: WorkQueue) -> Int {
        let index = queueStats.count
        queueIndex[queue.name] = index
        queueStats.append(QueueStatistics(queue: queue))
        touchedQueues.append(false)
        return index
    }

    /// The index of a queue's statistics. Every queue the simulation touches has them, so a missing one
    /// is an invariant failure (the run stops and says so), never another queue's numbers counted instead.
    func statsIndex(of queue: WorkQueue) -> Int {
        if let index = queueIndex[queue.name] { return index }
        fail("every queue has statistics", "queue \(queue.name) was used without any")
        return registerStatistics(for: queue)
    }
}
