#if Kafka
import CRdKafka
import AttachSupport

/// One librdkafka handle configured from the attach's options: a producer (which also carries metadata,
/// watermark and admin requests) or a consumer without a group (for browsing and redrive).
final class KafkaClient {
    enum Role { case producer, consumer }

    let handle: OpaquePointer
    let inbox = ClientInbox()
    let timeoutMillis: Int32

    init(_ options: KafkaConnectionOptions, role: Role) throws(AttachError) {
        timeoutMillis = options.requestTimeoutMillis
        guard let configuration = rd_kafka_conf_new() else { throw AttachError("librdkafka could not allocate a configuration") }
        var settings = options.clientSettings
        if role == .consumer {
            // Offsets are never committed by Sluice's own readers: they must not move any group. librdkafka 2.0
            // wants a group id even to assign partitions by hand; this one never joins and never commits.
            settings += [("group.id", "sluice-attach-reader"), ("enable.auto.commit", "false"),
                         ("enable.auto.offset.store", "false"), ("enable.partition.eof", "true")]
        }
        for setting in settings {
            var problem = [CChar](repeating: 0, count: 512)
            guard rd_kafka_conf_set(configuration, setting.key, setting.value, &problem, problem.count) == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(configuration)
                // The value is left out: it may be the password.
                throw AttachError("librdkafka refused \(setting.key): \(String(cString: problem))")
            }
        }
        rd_kafka_conf_set_error_cb(configuration, ClientInbox.errorCallback)
        if role == .producer { rd_kafka_conf_set_dr_msg_cb(configuration, ClientInbox.deliveryCallback) }
        rd_kafka_conf_set_opaque(configuration, Unmanaged.passUnretained(inbox).toOpaque())
        var problem = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(role == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER, configuration,
                                        &problem, problem.count) else {
            rd_kafka_conf_destroy(configuration)
            throw AttachError("librdkafka could not start a client: \(String(cString: problem))")
        }
        self.handle = handle
    }

    deinit {
        // Bounded: a producer with undelivered records would otherwise wait for them.
        rd_kafka_flush(handle, 0)
        rd_kafka_destroy(handle)
    }

    /// Serves pending callbacks (errors, delivery reports) without waiting.
    func serveCallbacks() { rd_kafka_poll(handle, 0) }

    /// The librdkafka error as words.
    static func describe(_ code: rd_kafka_resp_err_t) -> String { String(cString: rd_kafka_err2str(code)) }

    /// Runs one admin request and waits for its result event, at most the request timeout; librdkafka is
    /// told a little less, so it times the request out itself first. The caller destroys the event.
    func admin(_ operation: rd_kafka_admin_op_t,
               _ start: (OpaquePointer?, OpaquePointer?) -> Void) throws(AttachError) -> OpaquePointer {
        guard let queue = rd_kafka_queue_new(handle) else { throw AttachError("librdkafka could not make a queue") }
        defer { rd_kafka_queue_destroy(queue) }
        let adminOptions = rd_kafka_AdminOptions_new(handle, operation)
        defer { rd_kafka_AdminOptions_destroy(adminOptions) }
        var problem = [CChar](repeating: 0, count: 256)
        rd_kafka_AdminOptions_set_request_timeout(adminOptions, max(100, timeoutMillis - 200), &problem, problem.count)
        start(adminOptions, queue)
        guard let event = rd_kafka_queue_poll(queue, timeoutMillis) else {
            throw AttachError("no answer within \(timeoutMillis) ms")
        }
        let code = rd_kafka_event_error(event)
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            let text = String(cString: rd_kafka_event_error_string(event))
            rd_kafka_event_destroy(event)
            throw AttachError(text)
        }
        return event
    }
}

extension rd_kafka_topic_partition_list_t {
    /// The list's entries as Swift values: topic, partition, offset, error.
    var entries: [(place: TopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        (0..<Int(cnt)).map { index in
            let element = elems[index]
            return (TopicPartition(String(cString: element.topic), Int(element.partition)), element.offset, element.err)
        }
    }
}

/// A topic-partition list built from Swift values; destroyed with the value.
final class PartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(_ places: [(place: TopicPartition, offset: Int64)]) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(1, places.count)))
        for entry in places {
            rd_kafka_topic_partition_list_add(pointer, entry.place.topic, Int32(entry.place.partition)).pointee.offset = entry.offset
        }
    }

    deinit { rd_kafka_topic_partition_list_destroy(pointer) }
}
#endif
