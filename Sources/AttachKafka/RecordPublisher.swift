#if Kafka
import CRdKafka
import SluiceModel
import AttachSupport

/// Produces records through the attach's producer and waits (bounded) for the cluster's answer.
enum RecordPublisher {
    /// Where a record landed.
    struct Receipt: Equatable {
        var partition: Int
        var offset: Int64
    }

    /// A record to send; `partition` nil lets librdkafka's partitioner choose (by key, as Kafka's clients do).
    struct Record {
        var topic: String
        var partition: Int?
        var key: [UInt8]?
        var value: [UInt8]
        var headers: [Header]
    }

    /// Queues one record and returns its ticket for `ClientInbox.takeDelivery`; throws when librdkafka refuses it.
    static func enqueue(_ client: KafkaClient, _ record: Record) throws(AttachError) -> Int {
        let headers = rd_kafka_headers_new(record.headers.count)
        for header in record.headers {
            _ = header.value.withUnsafeBytes { bytes in
                rd_kafka_header_add(headers, header.name, -1, bytes.baseAddress, bytes.count)
            }
        }
        let ticket = client.inbox.ticket()
        let key = record.key ?? []
        let code = key.withUnsafeBytes { keyBytes in
            record.value.withUnsafeBytes { valueBytes in
                sluice_rdkafka_produce(client.handle, record.topic, Int32(record.partition ?? Int(RD_KAFKA_PARTITION_UA)),
                                       record.key == nil ? nil : keyBytes.baseAddress, record.key == nil ? 0 : keyBytes.count,
                                       valueBytes.baseAddress, valueBytes.count, headers,
                                       UnsafeMutableRawPointer(bitPattern: ticket))
            }
        }
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            rd_kafka_headers_destroy(headers)
            throw AttachError("could not queue a record for \(record.topic): \(KafkaClient.describe(code))")
        }
        return ticket
    }

    /// Produces one record and waits for the delivery report, at most the request timeout.
    static func publish(_ client: KafkaClient, _ record: Record) throws(AttachError) -> Receipt {
        let ticket = try enqueue(client, record)
        rd_kafka_flush(client.handle, client.timeoutMillis)
        guard let delivery = client.inbox.takeDelivery(ticket) else {
            throw AttachError("\(record.topic) did not confirm the record within \(client.timeoutMillis) ms")
        }
        if let error = delivery.error { throw AttachError("\(record.topic) refused the record: \(error)") }
        return Receipt(partition: delivery.partition, offset: delivery.offset)
    }
}
#endif
