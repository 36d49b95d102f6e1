import Broker
import SluiceModel

/// Finding a queue's id. Every queue the simulation touches is kept in `queues` (the scenario's at set-up,
/// a command's when it creates one), so a queue without an id is an invariant failure: the run stops and
/// says so, never counting another queue's numbers instead.
extension Simulation {
    func queueID(of queue: WorkQueue) -> QueueID {
        if let id = queues.id(named: queue.name) { return id }
        failUnknownQueue(queue.name)
        // Kept from now on, so the stopped run still answers for it.
        return queues.add(queue)
    }

    /// The id of a queue known by name only (a dead-letter queue, a redrive's sources); nil after the failure.
    func queueID(named name: String) -> QueueID? {
        if let id = queues.id(named: name) { return id }
        failUnknownQueue(name)
        return nil
    }

    private func failUnknownQueue(_ name: String) {
        fail("every queue the simulation uses is kept with its statistics", "queue \(name) was used without them")
    }
}
