import SluiceModel

/// Queue slots waiting on a time (ack deadline or delay), earliest first; any slot removable in O(log n).
///
/// Ties break by sequence so due messages come out in enqueue order.
struct TimerHeap {
    private struct Entry {
        var due: Nanos
        var sequence: Int64
        var slot: UInt32
        func precedes(_ other: Entry) -> Bool { (due, sequence) < (other.due, other.sequence) }
    }

    private var entries: [Entry] = []
    /// Heap position of each slot, -1 when the slot has no timer.
    private var positions: [Int32] = []

    var count: Int { entries.count }
    var first: (due: Nanos, slot: UInt32)? { entries.first.map { ($0.due, $0.slot) } }
    var slots: [UInt32] { entries.map(\.slot) }

    mutating func insert(slot: UInt32, due: Nanos, sequence: Int64) {
        while positions.count <= Int(slot) { positions.append(-1) }
        entries.append(Entry(due: due, sequence: sequence, slot: slot))
        positions[Int(slot)] = Int32(entries.count - 1)
        siftUp(entries.count - 1)
    }

    mutating func remove(slot: UInt32) {
        guard Int(slot) < positions.count, positions[Int(slot)] >= 0 else { return }
        let index = Int(positions[Int(slot)])
        positions[Int(slot)] = -1
        let last = entries.removeLast()
        guard index < entries.count else { return }
        entries[index] = last
        positions[Int(last.slot)] = Int32(index)
        siftDown(index)
        siftUp(index)
    }

    mutating func popFirst() -> UInt32? {
        guard let top = entries.first else { return nil }
        remove(slot: top.slot)
        return top.slot
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].precedes(entries[parent]) else { return }
            swapEntries(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            let right = left + 1
            let smaller = right < entries.count && entries[right].precedes(entries[left]) ? right : left
            guard entries[smaller].precedes(entries[parent]) else { return }
            swapEntries(parent, smaller)
            parent = smaller
        }
    }

    private mutating func swapEntries(_ a: Int, _ b: Int) {
        entries.swapAt(a, b)
        positions[Int(entries[a].slot)] = Int32(a)
        positions[Int(entries[b].slot)] = Int32(b)
    }
}
