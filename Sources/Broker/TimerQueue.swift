import SluiceModel

/// Queue slots waiting on a time (a delay ending, an ack deadline), earliest first; any slot removable.
///
/// Deadlines mostly arrive in order (one ack deadline, a clock that only rises), so those go to a FIFO in
/// O(1); the few that arrive out of order go to a binary heap. Removing from the FIFO only marks the entry
/// stale (its ticket no longer matches); stale entries leave from the front, or in a compaction once they
/// outnumber the live ones. Ties break by sequence, so due messages come out in enqueue order.
struct TimerQueue: ~Copyable {
    struct Entry: BitwiseCopyable {
        var due: Nanos
        var sequence: Int64
        var slot: UInt32
        var ticket: UInt32
        func precedes(_ other: Entry) -> Bool { (due, sequence) < (other.due, other.sequence) }
    }

    // Internal, not private: a private type inside the generic SlotTable trips the compiler (6.3.1).
    struct Mark {
        var ticket: UInt32 = 0
        var heapIndex: Int32 = -1
        var inFIFO = false
    }

    private var fifo = Ring<Entry>()
    private var heap: [Entry] = []
    private var marks = SlotTable<Mark>()
    private var staleInFIFO = 0
    private(set) var count = 0

    /// The earliest timer. The FIFO's front is always live, so this needs no cleaning.
    var first: Entry? {
        switch (fifo.first, heap.first) {
        case (let ordered?, let heaped?): ordered.precedes(heaped) ? ordered : heaped
        case (let ordered?, nil): ordered
        case (nil, let heaped): heaped
        }
    }

    /// Every slot with a timer, in no particular order.
    var slots: [UInt32] {
        var live = heap.map(\.slot)
        for index in 0..<fifo.count where isLive(fifo[index]) { live.append(fifo[index].slot) }
        return live
    }

    /// Sets the slot's timer, replacing any it had.
    mutating func insert(slot: UInt32, due: Nanos, sequence: Int64) {
        while marks.count <= Int(slot) { marks.append(Mark()) }
        if marks[Int(slot)].inFIFO || marks[Int(slot)].heapIndex >= 0 { remove(slot: slot) }
        marks[Int(slot)].ticket &+= 1
        let entry = Entry(due: due, sequence: sequence, slot: slot, ticket: marks[Int(slot)].ticket)
        if fifo.last.map({ !entry.precedes($0) }) ?? true {
            fifo.append(entry)
            marks[Int(slot)].inFIFO = true
        } else {
            heap.append(entry)
            marks[Int(slot)].heapIndex = Int32(heap.count - 1)
            siftUp(heap.count - 1)
        }
        count += 1
    }

    mutating func remove(slot: UInt32) {
        guard Int(slot) < marks.count else { return }
        if marks[Int(slot)].inFIFO {
            marks[Int(slot)].inFIFO = false
            marks[Int(slot)].ticket &+= 1
            staleInFIFO += 1
            count -= 1
            dropStaleFront()
            if staleInFIFO > 64 && staleInFIFO * 2 > fifo.count { compact() }
        } else if marks[Int(slot)].heapIndex >= 0 {
            removeFromHeap(at: Int(marks[Int(slot)].heapIndex))
            count -= 1
        }
    }

    mutating func popFirst() -> UInt32? {
        guard let top = first else { return nil }
        remove(slot: top.slot)
        return top.slot
    }

    private func isLive(_ entry: Entry) -> Bool {
        marks[Int(entry.slot)].inFIFO && marks[Int(entry.slot)].ticket == entry.ticket
    }

    private mutating func dropStaleFront() {
        while let front = fifo.first, !isLive(front) {
            _ = fifo.popFirst()
            staleInFIFO -= 1
        }
    }

    private mutating func compact() {
        var kept = 0
        for index in 0..<fifo.count where isLive(fifo[index]) {
            fifo[kept] = fifo[index]
            kept += 1
        }
        fifo.truncate(keepingFirst: kept)
        staleInFIFO = 0
    }

    private mutating func removeFromHeap(at index: Int) {
        marks[Int(heap[index].slot)].heapIndex = -1
        let last = heap.removeLast()
        guard index < heap.count else { return }
        heap[index] = last
        marks[Int(last.slot)].heapIndex = Int32(index)
        siftDown(index)
        siftUp(index)
    }

    private mutating func siftUp(_ start: Int) {
        let moving = heap[start]
        var hole = start
        while hole > 0 {
            let parent = (hole - 1) / 2
            guard moving.precedes(heap[parent]) else { break }
            place(heap[parent], at: hole)
            hole = parent
        }
        place(moving, at: hole)
    }

    private mutating func siftDown(_ start: Int) {
        let moving = heap[start]
        var hole = start
        while true {
            let left = 2 * hole + 1
            guard left < heap.count else { break }
            let right = left + 1
            let child = right < heap.count && heap[right].precedes(heap[left]) ? right : left
            guard heap[child].precedes(moving) else { break }
            place(heap[child], at: hole)
            hole = child
        }
        place(moving, at: hole)
    }

    private mutating func place(_ entry: Entry, at index: Int) {
        heap[index] = entry
        marks[Int(entry.slot)].heapIndex = Int32(index)
    }
}
