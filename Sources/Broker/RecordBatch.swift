/// Records handed out by one poll or read: runs of consecutive records, each a view into a log segment.
///
/// Reuse one batch across polls (`poll(member:max:into:)`) and nothing is allocated per record.
public struct RecordBatch: RandomAccessCollection, Sendable {
    @usableFromInline
    struct Run: Sendable {
        @usableFromInline let segment: Segment
        @usableFromInline let partition: Int
        @usableFromInline let firstIndex: Int
        @usableFromInline let count: Int
        var firstOffset: Int64 { segment.baseOffset + Int64(firstIndex) }
        var nextOffset: Int64 { firstOffset + Int64(count) }
    }

    @usableFromInline private(set) var runs: [Run] = []
    private var total = 0
    /// The member whose poll produced the batch (nil for a plain read).
    public private(set) var member: String?
    /// The group generation the poll ran in; a commit after a rebalance is refused.
    public private(set) var generation: Int = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { total }

    public subscript(position: Int) -> StoredRecord {
        var remaining = position
        for run in runs {
            if remaining < run.count { return record(in: run, at: run.firstIndex + remaining) }
            remaining -= run.count
        }
        preconditionFailure("RecordBatch index \(position) out of range 0..<\(total)")
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(runs: runs) }

    /// Walks the runs in order without searching for each position.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let runs: [Run]
        @usableFromInline var runIndex = 0
        @usableFromInline var index = 0

        @inlinable
        init(runs: [Run]) {
            self.runs = runs
            index = runs.first?.firstIndex ?? 0
        }

        @inlinable
        public mutating func next() -> StoredRecord? {
            while runIndex < runs.count {
                let run = runs[runIndex]
                if index < run.firstIndex + run.count {
                    defer { index += 1 }
                    return RecordBatch.record(in: run, at: index)
                }
                runIndex += 1
                if runIndex < runs.count { index = runs[runIndex].firstIndex }
            }
            return nil
        }
    }

    /// For each partition in the batch, the offset after its last record: what committing the batch stores.
    public var nextOffsets: [(partition: Int, offset: Int64)] {
        var result: [(partition: Int, offset: Int64)] = []
        for run in runs {
            if let last = result.indices.last, result[last].partition == run.partition {
                result[last].offset = run.nextOffset
            } else {
                result.append((run.partition, run.nextOffset))
            }
        }
        return result
    }

    mutating func reset(member: String?, generation: Int) {
        runs.removeAll(keepingCapacity: true)
        total = 0
        self.member = member
        self.generation = generation
    }

    mutating func append(segment: Segment, partition: Int, firstIndex: Int, count: Int) {
        runs.append(Run(segment: segment, partition: partition, firstIndex: firstIndex, count: count))
        total += count
    }

    @inlinable
    static func record(in run: Run, at index: Int) -> StoredRecord {
        StoredRecord(partition: run.partition, offset: run.segment.baseOffset + Int64(index),
                     segment: run.segment, entry: run.segment.entry(at: index))
    }

    private func record(in run: Run, at index: Int) -> StoredRecord { Self.record(in: run, at: index) }
}
