import HeapModule
import SluiceModel
import Synchronization

/// Something in the broker with work that falls due at a time: a queue's timers and redrive, a
/// partition's oldest record under age retention.
protocol DueSource: AnyObject, Sendable {
    /// Where it comes when several are due at once: every topic's partitions, then the queues, each
    /// in creation order (the order a run has always applied them in).
    var dueOrder: DueOrder { get }
    /// Its next due time, which the schedule now holds an entry for (the source reports again only
    /// when its due time falls below this).
    func confirmNextDue() -> Nanos?
    /// Applies what is due by `now`.
    func applyDue(now: Nanos)
}

/// The due time a source last gave the schedule, so that it reports only an earlier one.
struct ReportedDue: Sendable {
    private var time: Nanos?

    /// `due` when it is earlier than the time reported last (which it then becomes); else nil.
    mutating func earlier(_ due: Nanos?) -> Nanos? {
        guard let due, time.map({ due < $0 }) ?? true else { return nil }
        time = due
        return due
    }

    /// Records `due` as what the schedule holds now, and returns it.
    mutating func confirm(_ due: Nanos?) -> Nanos? {
        time = due
        return due
    }
}

/// The processing order of due sources.
struct DueOrder: Comparable, Hashable, Sendable {
    enum Kind: Int, Comparable, Sendable {
        case partition, queue
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }
    var kind: Kind
    /// Creation index of the topic or queue.
    var index: Int
    /// Partition index within its topic; 0 for a queue.
    var part: Int

    static func < (a: DueOrder, b: DueOrder) -> Bool { (a.kind, a.index, a.part) < (b.kind, b.index, b.part) }
}

/// The broker's index of what falls due next, so that "when is the next thing due" costs O(log n)
/// instead of asking every topic and queue.
///
/// A min-heap of (time, source). A source reports a time when its next due time becomes earlier than
/// the one it reported last; an entry that has gone stale (an ack beat its deadline) is dropped or
/// moved to the source's real time when it reaches the top. Every source with something due thus has
/// an entry at or before that time.
final class DueSchedule: Sendable {
    private struct Entry: Comparable {
        let time: Nanos
        let source: any DueSource
        static func == (a: Entry, b: Entry) -> Bool { a.time == b.time && a.source === b.source }
        static func < (a: Entry, b: Entry) -> Bool {
            a.time != b.time ? a.time < b.time : a.source.dueOrder < b.source.dueOrder
        }
    }

    private let heap = Mutex(Heap<Entry>())

    /// Records that `source` has something due at `time`.
    func report(_ source: any DueSource, at time: Nanos) {
        heap.withLock { $0.insert(Entry(time: time, source: source)) }
    }

    /// The earliest time something is due; stale entries on top are dropped or moved on the way.
    func nextDue() -> Nanos? {
        while let top = heap.withLock({ $0.min }) {
            let real = top.source.confirmNextDue()
            if real == top.time { return top.time }
            heap.withLock { heap in
                // Another thread may have changed the top meanwhile: only a matching entry is replaced.
                guard heap.min == top else { return }
                _ = heap.removeMin()
                if let real { heap.insert(Entry(time: real, source: top.source)) }
            }
        }
        return nil
    }

    /// Applies everything due by `now`, in `DueOrder` (each source once). A source that an earlier one
    /// makes due during the pass (a dead letter handed to a later queue) joins the same pass when it
    /// comes later in the order, as a pass over every source in order would have it.
    func applyDue(now: Nanos) {
        var pending = takeSources(dueBy: now, after: nil)
        var done = Set<ObjectIdentifier>()
        while !pending.isEmpty {
            let source = pending.removeFirst()
            guard done.insert(ObjectIdentifier(source)).inserted else { continue }
            source.applyDue(now: now)
            if let next = source.confirmNextDue() { report(source, at: next) }
            let joining = takeSources(dueBy: now, after: source.dueOrder)
            if !joining.isEmpty { pending = Self.inOrder(pending + joining) }
        }
    }

    /// Takes the entries due by `now` off the heap, for sources after `order` (all when nil); the
    /// others stay for the next pass. One per source, in `DueOrder`.
    private func takeSources(dueBy now: Nanos, after order: DueOrder?) -> [any DueSource] {
        let taken = heap.withLock { heap -> [any DueSource] in
            var taken: [any DueSource] = []
            var kept: [Entry] = []
            while let top = heap.min, top.time <= now {
                let entry = heap.removeMin()
                if let order, entry.source.dueOrder <= order { kept.append(entry) } else { taken.append(entry.source) }
            }
            for entry in kept { heap.insert(entry) }
            return taken
        }
        return Self.inOrder(taken)
    }

    private static func inOrder(_ sources: [any DueSource]) -> [any DueSource] {
        var seen = Set<ObjectIdentifier>()
        return sources.filter { seen.insert(ObjectIdentifier($0)).inserted }.sorted { $0.dueOrder < $1.dueOrder }
    }
}
