public import SluiceModel

/// Pending events ordered by (time, sequence number): a binary min-heap.
///
/// The sequence number breaks ties in scheduling order, so two events at the same instant
/// always run in the same order and a run is reproducible.
public struct EventQueue<Action> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Nanos
        @usableFromInline var sequence: UInt64
        @usableFromInline var action: Action

        @inlinable
        init(time: Nanos, sequence: UInt64, action: Action) {
            self.time = time; self.sequence = sequence; self.action = action
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: ContiguousArray<Entry> = []
    @usableFromInline var nextSequence: UInt64 = 0

    public init() {}

    public var count: Int { heap.count }
    public var isEmpty: Bool { heap.isEmpty }
    /// The time of the earliest pending event.
    public var nextTime: Nanos? { heap.first?.time }

    /// Adds an event; events at the same time run in the order they were scheduled.
    @inlinable
    public mutating func schedule(_ action: Action, at time: Nanos) {
        let entry = Entry(time: time, sequence: nextSequence, action: action)
        nextSequence &+= 1
        heap.append(entry)
        siftUp(from: heap.count - 1)
    }

    /// Removes and returns the earliest event.
    @inlinable
    public mutating func popNext() -> (time: Nanos, action: Action)? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return (last.time, last.action) }
        let first = heap[0]
        heap[0] = last
        siftDown(from: 0)
        return (first.time, first.action)
    }

    /// Drops every pending event.
    public mutating func removeAll() {
        heap.removeAll(keepingCapacity: true)
    }

    @inlinable
    mutating func siftUp(from start: Int) {
        var child = start
        let entry = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    @inlinable
    mutating func siftDown(from start: Int) {
        var parent = start
        let entry = heap[parent]
        let count = heap.count
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(entry) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = entry
    }
}
