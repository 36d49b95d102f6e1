#if Kafka
#if canImport(Glibc)
import Glibc
#endif
import CRdKafka
import SluiceModel
import AttachSupport

/// Reads records from assigned partitions with a consumer that belongs to no group, so nothing it reads
/// moves anybody's committed offsets: the inspector's browse and a redrive's source.
final class PartitionReader {
    /// One record as read, with its place and its broker timestamp (milliseconds since the epoch; -1 unknown).
    struct Record {
        var place: TopicPartition
        var offset: Int64
        var key: [UInt8]?
        var value: [UInt8]
        var headers: [Header]
        var timestampMillis: Int64
    }

    private let client: KafkaClient
    /// Partitions read to their end at some point (librdkafka's end-of-partition marker).
    private(set) var atEnd: Set<TopicPartition> = []

    /// Starts reading each partition at its offset.
    init(_ options: KafkaConnectionOptions, from starts: [TopicPartition: Int64]) throws(AttachError) {
        client = try KafkaClient(options, role: .consumer)
        let list = PartitionList(starts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        let code = rd_kafka_assign(client.handle, list.pointer)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw AttachError("could not read \(starts.keys.map(\.topic).first ?? "the topic"): \(KafkaClient.describe(code))")
        }
    }

    deinit { rd_kafka_assign(client.handle, nil) }

    /// The next record, waiting at most `timeoutMillis` (0: only what has already arrived).
    /// End-of-partition markers and transient errors read as nothing.
    func next(timeoutMillis: Int32) -> Record? {
        guard let message = rd_kafka_consumer_poll(client.handle, min(timeoutMillis, client.timeoutMillis)) else { return nil }
        defer { rd_kafka_message_destroy(message) }
        let record = message.pointee
        guard let topic = record.rkt else { return nil }
        let place = TopicPartition(String(cString: rd_kafka_topic_name(topic)), Int(record.partition))
        if record.err == RD_KAFKA_RESP_ERR__PARTITION_EOF { atEnd.insert(place) }
        guard record.err == RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        return Record(place: place,
                      offset: record.offset, key: Self.bytes(record.key, record.key_len),
                      value: Self.bytes(record.payload, record.len) ?? [], headers: Self.headers(message),
                      timestampMillis: timestamp)
    }

    /// Reads until every partition reached its end offset (as given), `limit` records, or `deadlineMillis` passed.
    func read(until ends: [TopicPartition: Int64], limit: Int, deadlineMillis: Int64) -> [Record] {
        var records: [Record] = []
        var reached = Set(ends.filter { $0.value <= 0 }.map(\.key))
        let start = Self.monotonicMillis()
        while records.count < limit, reached.count < ends.count, Self.monotonicMillis() - start < deadlineMillis {
            guard let record = next(timeoutMillis: 200) else {
                reached.formUnion(atEnd.filter { ends[$0] != nil })
                continue
            }
            records.append(record)
            if let end = ends[record.place], record.offset + 1 >= end { reached.insert(record.place) }
        }
        return records
    }

    private static func bytes(_ pointer: UnsafeMutableRawPointer?, _ count: Int) -> [UInt8]? {
        guard let pointer else { return nil }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private static func headers(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> [Header] {
        var maybeHeaders: OpaquePointer?
        guard rd_kafka_message_headers(message, &maybeHeaders) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers = maybeHeaders else {
            return []
        }
        var result: [Header] = []
        var index = 0
        while true {
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            guard rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR else { break }
            let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
            result.append(Header(name.map { String(cString: $0) } ?? "", bytes))
            index += 1
        }
        return result
    }

    static func monotonicMillis() -> Int64 { SystemTime.monotonicNanos() / NanosPerUnit.millisecond }
}
#endif
