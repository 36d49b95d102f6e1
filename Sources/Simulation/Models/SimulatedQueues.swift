import Broker
import SluiceModel

/// A queue of the run, by the order the simulation learnt of it; only `SimulatedQueues` makes one, so an
/// id always names a queue with statistics, lesson measures and a touched flag.
struct QueueID: Hashable {
    fileprivate(set) var index: Int
}

/// Everything the simulation keeps per queue, owned in one place and reached by `QueueID`: the
/// statistics, what lessons measure, and whether its levels changed since the last observation.
/// (These were four arrays and a name index kept in step by hand, and a queue a command created had
/// no lesson measures.)
struct SimulatedQueues {
    private var statistics: [QueueStatistics] = []
    private var lessonMeasures: [QueueMeasures] = []
    private var touched: [Bool] = []
    private var touchedList: [QueueID] = []
    private var byName: [String: QueueID] = [:]

    /// Starts keeping a broker queue; a queue already kept answers its id.
    @discardableResult
    mutating func add(_ queue: WorkQueue) -> QueueID {
        if let id = byName[queue.name] { return id }
        let id = QueueID(index: statistics.count)
        byName[queue.name] = id
        statistics.append(QueueStatistics(queue: queue))
        lessonMeasures.append(QueueMeasures())
        touched.append(false)
        return id
    }

    func id(named name: String) -> QueueID? { byName[name] }

    var ids: [QueueID] { statistics.indices.map { QueueID(index: $0) } }
    var all: [QueueStatistics] { statistics }
    var count: Int { statistics.count }

    subscript(id: QueueID) -> QueueStatistics {
        get { statistics[id.index] }
        _modify { yield &statistics[id.index] }
    }

    func measures(of id: QueueID) -> QueueMeasures { lessonMeasures[id.index] }

    mutating func updateMeasures(of id: QueueID, _ change: (inout QueueMeasures) -> Void) {
        change(&lessonMeasures[id.index])
    }

    /// Its levels may have changed: observe it after the current event.
    mutating func touch(_ id: QueueID) {
        guard !touched[id.index] else { return }
        touched[id.index] = true
        touchedList.append(id)
    }

    mutating func touchAll() {
        for id in ids { touch(id) }
    }

    /// Records the levels of every queue touched since the last call.
    mutating func observeTouched(at now: Nanos) {
        for id in touchedList {
            statistics[id.index].observe(at: now)
            touched[id.index] = false
        }
        touchedList.removeAll(keepingCapacity: true)
    }

    mutating func openWindow(at now: Nanos) {
        for index in statistics.indices { statistics[index].openWindow(at: now) }
    }
}
