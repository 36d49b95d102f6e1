#if RabbitMQ
import CRabbitMQ

/// The properties Sluice publishes with: persistent, its headers, a message id and a timestamp when given.
struct AMQPProperties {
    var headers: [(name: String, value: AMQPFieldValue)] = []
    var messageID: String?
    /// Unix seconds.
    var timestamp: UInt64?

    func make(in arena: AMQPArena) -> amqp_basic_properties_t {
        var properties = amqp_basic_properties_t()
        var flags = amqp_flags_t(AMQP_BASIC_DELIVERY_MODE_FLAG)
        properties.delivery_mode = 2
        if !headers.isEmpty {
            flags |= amqp_flags_t(AMQP_BASIC_HEADERS_FLAG)
            properties.headers = AMQPTable.encode(headers, in: arena)
        }
        if let messageID {
            flags |= amqp_flags_t(AMQP_BASIC_MESSAGE_ID_FLAG)
            properties.message_id = arena.bytes(Array(messageID.utf8))
        }
        if let timestamp {
            flags |= amqp_flags_t(AMQP_BASIC_TIMESTAMP_FLAG)
            properties.timestamp = timestamp
        }
        properties._flags = flags
        return properties
    }
}
#endif
