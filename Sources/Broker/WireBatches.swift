import DequeModule

/// A produced batch kept as the bytes its client sent, for the offsets it took: a fetch hands the bytes out
/// again instead of encoding the records. The bytes are the log's one copy of the batch, in a segment's arena
/// (its records are indexed in them), so holding a `WireBatch` keeps that segment. The broker does not read
/// them; their format is the listener's.
public struct WireBatch: Sendable {
    /// The first offset the batch took in its partition, and how many it took.
    public let baseOffset: Int64
    public let count: Int
    let segment: Segment
    let start: Int
    /// How many bytes the batch has.
    public let byteCount: Int

    init(baseOffset: Int64, count: Int, segment: Segment, start: Int, byteCount: Int) {
        self.baseOffset = baseOffset; self.count = count; self.segment = segment; self.start = start
        self.byteCount = byteCount
    }

    public var endOffset: Int64 { baseOffset + Int64(count) }

    /// Reads the batch's bytes in place (they never change once written).
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(segment.bytes(from: start, count: byteCount))
    }
}

/// One partition's wire batches in offset order, dropped with the records they hold. Records appended
/// without one (the broker's own producers) leave a gap, which a fetch serves by encoding.
struct WireBatches {
    private var batches: Deque<WireBatch> = []

    mutating func add(_ batch: WireBatch) {
        batches.append(batch)
    }

    /// Lets go of the batches whose every record is below `logStart`.
    mutating func drop(below logStart: Int64) {
        while let first = batches.first, first.endOffset <= logStart {
            batches.removeFirst()
        }
    }

    /// The batches from the one holding `offset` on, while each starts where the last ended, up to `maxBytes`
    /// (the first always, however large, or a large batch could never be fetched). Empty when no batch holds
    /// `offset`.
    func run(from offset: Int64, maxBytes: Int) -> [WireBatch] {
        guard let first = index(holding: offset) else { return [] }
        var run = [batches[first]]
        var used = batches[first].byteCount
        var next = first + 1
        while next < batches.count, batches[next].baseOffset == batches[next - 1].endOffset,
              used + batches[next].byteCount <= maxBytes {
            used += batches[next].byteCount
            run.append(batches[next])
            next += 1
        }
        return run
    }

    /// A binary search: batches are in offset order and never overlap.
    private func index(holding offset: Int64) -> Int? {
        var low = 0
        var high = batches.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let batch = batches[mid]
            if offset < batch.baseOffset { high = mid - 1 } else if offset >= batch.endOffset { low = mid + 1 } else { return mid }
        }
        return nil
    }
}
