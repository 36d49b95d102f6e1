public import SluiceModel
public import AttachSupport

/// One queue as `/api/queues` describes it. Figures the API leaves out (a quorum queue before its first
/// statistics, a stream) stay nil rather than becoming zeros.
public struct RabbitQueueFacts: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case classic, quorum, stream }

    public var name: String
    public var vhost: String
    public var kind: Kind
    /// What the API called the type when it is none of the three.
    public var typeName: String
    public var ready: Int64?
    public var unacknowledged: Int64?
    public var messages: Int64?
    public var consumers: Int?
    public var published: Int64?
    public var delivered: Int64?
    public var acknowledged: Int64?
    public var redelivered: Int64?
    public var publishRate: Double
    public var deliverRate: Double
    public var ackRate: Double
    public var redeliverRate: Double
    /// `head_message_timestamp` (Unix seconds): given only for classic queues whose head message carries a timestamp.
    public var headMessageTimestamp: Int64?
    /// From the queue's arguments, else its effective policy.
    public var deadLetterExchange: String?
    public var deadLetterRoutingKey: String?
    public var deliveryLimit: Int?
    public var policy: String?
    public var state: String?
    /// The queue's arguments as text, for the details.
    public var arguments: [Detail]

    init(json: ManagementJSON) {
        name = json["name"].string ?? ""
        vhost = json["vhost"].string ?? "/"
        typeName = json["type"].string ?? "classic"
        kind = Kind(rawValue: typeName) ?? .classic
        ready = json["messages_ready"].int64
        unacknowledged = json["messages_unacknowledged"].int64
        messages = json["messages"].int64
        consumers = json["consumers"].int
        let stats = json["message_stats"]
        published = stats["publish"].int64
        delivered = stats["deliver_get"].int64
        acknowledged = stats["ack"].int64
        redelivered = stats["redeliver"].int64
        publishRate = stats["publish_details"]["rate"].double ?? 0
        deliverRate = stats["deliver_get_details"]["rate"].double ?? 0
        ackRate = stats["ack_details"]["rate"].double ?? 0
        redeliverRate = stats["redeliver_details"]["rate"].double ?? 0
        headMessageTimestamp = json["head_message_timestamp"].int64
        let arguments = json["arguments"], policy = json["effective_policy_definition"]
        deadLetterExchange = arguments["x-dead-letter-exchange"].string ?? policy["dead-letter-exchange"].string
        deadLetterRoutingKey = arguments["x-dead-letter-routing-key"].string ?? policy["dead-letter-routing-key"].string
        deliveryLimit = arguments["x-delivery-limit"].int ?? policy["delivery-limit"].int
        self.policy = json["policy"].string
        state = json["state"].string
        self.arguments = arguments.object.keys.sorted().map { Detail($0, arguments[$0].scalarText ?? "(structured)") }
    }
}

/// One consumer as `/api/consumers` describes it.
public struct RabbitConsumerFacts: Sendable, Equatable {
    public var tag: String
    public var queue: String
    public var vhost: String
    /// The channel it consumes on, as the API names it (`127.0.0.1:5432 -> 127.0.0.1:5672 (1)`).
    public var channel: String
    /// 0 means unbounded.
    public var prefetch: Int
    public var acknowledges: Bool
    public var active: Bool

    init(json: ManagementJSON) {
        tag = json["consumer_tag"].string ?? ""
        queue = json["queue"]["name"].string ?? ""
        vhost = json["queue"]["vhost"].string ?? "/"
        channel = json["channel_details"]["name"].string ?? ""
        prefetch = json["prefetch_count"].int ?? 0
        acknowledges = json["ack_required"].bool ?? true
        active = json["active"].bool ?? true
    }
}

/// One exchange as `/api/exchanges` describes it.
public struct RabbitExchangeFacts: Sendable, Equatable {
    public var name: String
    public var vhost: String
    public var type: String
    public var publishInRate: Double
    public var publishedIn: Int64?

    init(json: ManagementJSON) {
        name = json["name"].string ?? ""
        vhost = json["vhost"].string ?? "/"
        type = json["type"].string ?? "direct"
        publishInRate = json["message_stats"]["publish_in_details"]["rate"].double ?? 0
        publishedIn = json["message_stats"]["publish_in"].int64
    }
}

/// One binding as `/api/bindings` describes it: exchange `source` routes to a queue or exchange `destination`.
public struct RabbitBindingFacts: Sendable, Equatable {
    public var source: String
    public var vhost: String
    public var destination: String
    public var destinationIsQueue: Bool
    public var routingKey: String

    init(json: ManagementJSON) {
        source = json["source"].string ?? ""
        vhost = json["vhost"].string ?? "/"
        destination = json["destination"].string ?? ""
        destinationIsQueue = json["destination_type"].string != "exchange"
        routingKey = json["routing_key"].string ?? ""
    }

    public init(source: String, vhost: String = "/", destination: String, destinationIsQueue: Bool = true, routingKey: String) {
        self.source = source; self.vhost = vhost; self.destination = destination
        self.destinationIsQueue = destinationIsQueue; self.routingKey = routingKey
    }
}

/// One channel as `/api/vhosts/VHOST/channels` describes it: RabbitMQ counts unacknowledged deliveries per channel
/// (and per queue), never per consumer, so a channel's figure is its consumer's only when it has one consumer.
public struct RabbitChannelFacts: Sendable, Equatable {
    /// As `/api/consumers` names a consumer's channel (`127.0.0.1:5432 -> 127.0.0.1:5672 (1)`).
    public var name: String
    public var consumerCount: Int
    public var unacknowledged: Int

    init(json: ManagementJSON) {
        name = json["name"].string ?? ""
        consumerCount = json["consumer_count"].int ?? 0
        unacknowledged = json["messages_unacknowledged"].int ?? 0
    }
}

/// What `/api/overview` says about the broker.
public struct RabbitOverview: Sendable, Equatable {
    public var version: String?
    public var erlangVersion: String?
    public var clusterName: String?

    init(json: ManagementJSON) {
        version = json["rabbitmq_version"].string ?? json["product_version"].string
        erlangVersion = json["erlang_version"].string
        clusterName = json["cluster_name"].string
    }
}

/// Everything one poll of the management API read, and when (run time).
public struct RabbitPoll: Sendable, Equatable {
    public var at: Nanos
    public var overview: RabbitOverview
    public var queues: [RabbitQueueFacts]
    public var consumers: [RabbitConsumerFacts]
    public var exchanges: [RabbitExchangeFacts]
    public var bindings: [RabbitBindingFacts]
    public var channels: [RabbitChannelFacts]

    /// Decodes the six replies of one poll.
    public static func decode(at: Nanos, overview: [UInt8], queues: [UInt8], consumers: [UInt8], exchanges: [UInt8],
                              bindings: [UInt8], channels: [UInt8]) throws(AttachError) -> RabbitPoll {
        RabbitPoll(at: at,
                   overview: RabbitOverview(json: try ManagementJSON.parse(overview, what: "/api/overview")),
                   queues: try ManagementJSON.parse(queues, what: "/api/queues").array.map(RabbitQueueFacts.init(json:)),
                   consumers: try ManagementJSON.parse(consumers, what: "/api/consumers").array.map(RabbitConsumerFacts.init(json:)),
                   exchanges: try ManagementJSON.parse(exchanges, what: "/api/exchanges").array.map(RabbitExchangeFacts.init(json:)),
                   bindings: try ManagementJSON.parse(bindings, what: "/api/bindings").array.map(RabbitBindingFacts.init(json:)),
                   channels: try ManagementJSON.parse(channels, what: "/api/channels").array.map(RabbitChannelFacts.init(json:)))
    }
}
