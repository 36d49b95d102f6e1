import Broker
import SluiceModel

/// Where each record a stream consumer's group is to read stands, counted once: acked (its offset is
/// committed and it was not parked), dead-lettered (parked after its last attempt), in flight (read,
/// not yet committed), waiting (not yet read) or dropped (retention removed it before the group read
/// it). Worked out from offsets, so `produced = acked + deadLettered + inFlight + waiting + dropped`
/// holds for every group at every moment, however often a record was retried, parked or replayed.
struct StreamTally: Equatable {
    /// Records appended to the group's topic since the group started reading.
    var produced: Int64 = 0
    var acked: Int64 = 0
    var deadLettered: Int64 = 0
    var inFlight: Int64 = 0
    var waiting: Int64 = 0
    var dropped: Int64 = 0

    mutating func add(_ other: StreamTally) {
        produced += other.produced; acked += other.acked; deadLettered += other.deadLettered
        inFlight += other.inFlight; waiting += other.waiting; dropped += other.dropped
    }
}

extension StreamTally {
    /// One partition: `start` where the group began, its committed offset and position, the log's
    /// start and end, and the offsets it parked.
    init(start: Int64, committed: Int64, position: Int64, logStart: Int64, logEnd: Int64, parked: IntervalSet) {
        let settled = max(start, committed)
        // A replay moves the position below the commit; records up to the commit stay settled.
        let read = min(logEnd, max(settled, position))
        func parkedIn(_ lower: Int64, _ upper: Int64) -> Int64 { upper > lower ? upper - lower - parked.missing(in: lower, upper) : 0 }
        self.init()
        produced = max(0, logEnd - start)
        acked = settled - start - parkedIn(start, settled)
        deadLettered = parkedIn(start, read)
        inFlight = read - settled - parkedIn(settled, read)
        waiting = max(0, logEnd - max(read, logStart))
        dropped = max(0, min(logStart, logEnd) - read)
    }
}

extension Simulation {
    /// The tally of stream consumer `id`'s group, over all its partitions (nil when the snapshot lacks the group).
    func streamTally(stream id: StreamConsumerID, in snapshot: BrokerSnapshot) -> StreamTally? {
        let group = consumers[id].group
        guard let state = snapshot.group(id: group.id) else { return nil }
        return streamTally(stream: id, group: state, logStarts: snapshot.topic(group.topic.name)?.partitions.map(\.logStartOffset) ?? [])
    }

    /// The tally of one stream consumer's group as the broker shows it, with its partitions' log starts.
    func streamTally(stream id: StreamConsumerID, group state: GroupSnapshot, logStarts: [Int64]) -> StreamTally {
        let consumer = consumers[id]
        var total = StreamTally()
        for partition in state.partitions where consumer.startOffsets.indices.contains(partition.partition) {
            let number = partition.partition
            total.add(StreamTally(start: consumer.startOffsets[number], committed: partition.committedOffset,
                                  position: partition.position,
                                  logStart: logStarts.indices.contains(number) ? logStarts[number] : 0,
                                  logEnd: partition.logEndOffset, parked: consumer.parkedOffsets[number]))
        }
        return total
    }
}
