import DequeModule
import SluiceModel
import Synchronization

/// Notable broker happenings (rebalances, dead letters, redrives) waiting to be drained; bounded.
final class EventLog: Sendable {
    private static let capacity = 1_000
    private let entries = Mutex<Deque<EventLogEntry>>([])

    func append(_ entry: EventLogEntry) {
        entries.withLock { entries in
            if entries.count == Self.capacity { entries.removeFirst() }
            entries.append(entry)
        }
    }

    func drain() -> [EventLogEntry] {
        entries.withLock { entries in
            let drained = Array(entries)
            entries.removeAll()
            return drained
        }
    }
}
