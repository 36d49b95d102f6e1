#if Kafka
import CRdKafka
import SluiceModel
import AttachSupport

/// Copies a dead-letter topic's records, as they stood when the redrive began, back into their source
/// topic at a chosen rate, one `advance` at a time and without waiting: key, value and headers as they
/// were, the partition chosen by key as the original producer's would be. Kafka cannot delete single
/// records, so the dead letters stay where they are; the source topic gets them again.
final class DeadLetterRedrive {
    let deadLetterTopic: String
    let source: String
    /// Records per second; nil for all at once.
    let perSecond: Double?
    let total: Int64
    private(set) var copied: Int64 = 0
    private(set) var failures: [String] = []
    private let reader: PartitionReader
    private let ends: [TopicPartition: Int64]
    private var reached: Set<TopicPartition>
    private var pending: [Int] = []
    private var allowance: Double = 1

    /// Begins at each partition's log start and ends at its log end as the last poll saw them.
    init(_ options: KafkaConnectionOptions, deadLetterTopic: String, source: String, partitions: [PartitionFacts],
         perSecond: Double?) throws(AttachError) {
        self.deadLetterTopic = deadLetterTopic; self.source = source; self.perSecond = perSecond
        let places = partitions.map { (TopicPartition(deadLetterTopic, $0.partition), $0) }
        ends = Dictionary(uniqueKeysWithValues: places.map { ($0.0, $0.1.highWatermark) })
        reached = Set(places.filter { $0.1.highWatermark <= $0.1.lowWatermark }.map(\.0))
        total = partitions.reduce(0) { $0 + max(0, $1.highWatermark - $1.lowWatermark) }
        reader = try PartitionReader(options, from: Dictionary(uniqueKeysWithValues: places.map { ($0.0, $0.1.lowWatermark) }))
    }

    /// Every record was read and the cluster answered for each copy.
    var finished: Bool { reached.count == ends.count && pending.isEmpty }

    /// `orders.dlq → orders: 12 of 40 records`.
    var progress: String {
        "redrive \(deadLetterTopic) → \(source): \(copied) of \(total) record\(total == 1 ? "" : "s")"
            + (failures.isEmpty ? "" : ", \(failures.count) refused (\(failures[0]))")
    }

    /// Copies what the rate allows for `elapsed` nanoseconds, reading only records that have already arrived.
    func advance(_ producer: KafkaClient, elapsed: Nanos) {
        if let perSecond {
            // At most a second's worth banked, so a stalled frame does not burst.
            allowance = min(allowance + perSecond * Double(elapsed) / Double(NanosPerUnit.second), max(1, perSecond))
        } else {
            allowance = Double(Int.max)
        }
        while allowance >= 1, reached.count < ends.count, let record = reader.next(timeoutMillis: 0) {
            guard let end = ends[record.place], record.offset < end, !reached.contains(record.place) else { continue }
            if record.offset + 1 >= end { reached.insert(record.place) }
            do {
                pending.append(try RecordPublisher.enqueue(producer, .init(
                    topic: source, partition: nil, key: record.key, value: record.value, headers: record.headers)))
                copied += 1
                allowance -= 1
            } catch {
                failures.append(error.message)
            }
        }
        reached.formUnion(reader.atEnd.filter { ends[$0] != nil })
        producer.serveCallbacks()
        pending.removeAll { ticket in
            guard let delivery = producer.inbox.takeDelivery(ticket) else { return false }
            if let error = delivery.error { failures.append(error); copied -= 1 }
            return true
        }
    }
}
#endif
