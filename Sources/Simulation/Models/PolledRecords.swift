import Broker

/// Stream records a member polled and has not started, per partition. Only partitions holding
/// records are visited, in ascending order, so a member's cost does not grow with the number of
/// partitions the topic has.
struct PolledRecords {
    private var byPartition: [Int: Ring<StoredRecord>] = [:]
    /// Partitions holding at least one record, ascending.
    private(set) var partitions: [Int] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ record: StoredRecord) {
        let partition = record.partition
        if byPartition[partition] == nil {
            byPartition[partition] = Ring()
            partitions.insert(partition, at: insertionIndex(of: partition))
        }
        byPartition[partition]!.append(record)
        count += 1
    }

    /// The oldest record polled from `partition`, taken out.
    mutating func popFirst(partition: Int) -> StoredRecord? {
        guard let record = byPartition[partition]?.popFirst() else { return nil }
        count -= 1
        if byPartition[partition]!.isEmpty { forget(partition) }
        return record
    }

    /// Drops what was polled from `partition` (a rebalance took it, a seek moved it).
    mutating func removeAll(partition: Int) {
        guard let ring = byPartition[partition] else { return }
        count -= ring.count
        forget(partition)
    }

    mutating func removeAll() {
        byPartition.removeAll()
        partitions.removeAll()
        count = 0
    }

    private mutating func forget(_ partition: Int) {
        byPartition[partition] = nil
        partitions.remove(at: insertionIndex(of: partition))
    }

    /// Where `partition` is or would go in `partitions`.
    private func insertionIndex(of partition: Int) -> Int {
        var low = 0, high = partitions.count
        while low < high {
            let middle = (low + high) / 2
            if partitions[middle] < partition { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
