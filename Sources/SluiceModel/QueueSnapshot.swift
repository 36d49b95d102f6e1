/// A work queue (or a dead-letter queue, which is a work queue too).
public struct QueueSnapshot: Sendable, Equatable {
    public var name: String
    /// Ready to be received now.
    public var waiting: Int
    /// Enqueued with a delay, or nacked with a backoff, and not yet due.
    public var delayed: Int
    public var inFlight: Int
    public var capacity: Int?
    public var overflow: QueueOverflow
    public var ackDeadline: Nanos
    public var maxDeliveries: Int?
    public var deadLetterQueue: String?
    /// Set on a dead-letter queue: the queues (or streams) whose dead letters it holds, one or several.
    public var deadLetterOf: [String]
    public var counters: Counters
    public var oldestWaitingAge: Nanos?
    public var oldestUnackedAge: Nanos?
    /// Enqueue to ack, in nanoseconds.
    public var latency: LatencyPercentiles
    /// Index i counts messages acked or dead-lettered after i+1 deliveries.
    public var attemptsHistogram: [Int64]
    public var consumers: [QueueConsumerSnapshot]
    public var depthHistory: Series
    public var recentDeadLetters: [DeadLetterInfo]
    public var enqueuedPerSecond: Double
    public var ackedPerSecond: Double
    public var redeliveredPerSecond: Double
    /// Engine-specific facts worth showing (a RabbitMQ queue's type, delivery limit, dead-letter routing), as label/value.
    public var details: [Detail]
    public init(name: String, waiting: Int = 0, delayed: Int = 0, inFlight: Int = 0, capacity: Int? = nil,
                overflow: QueueOverflow = .rejectNew, ackDeadline: Nanos = 30 * NanosPerUnit.second,
                maxDeliveries: Int? = nil, deadLetterQueue: String? = nil, deadLetterOf: [String] = [],
                counters: Counters = .init(), oldestWaitingAge: Nanos? = nil, oldestUnackedAge: Nanos? = nil,
                latency: LatencyPercentiles = .init(), attemptsHistogram: [Int64] = [],
                consumers: [QueueConsumerSnapshot] = [], depthHistory: Series = .init(),
                recentDeadLetters: [DeadLetterInfo] = [], enqueuedPerSecond: Double = 0,
                ackedPerSecond: Double = 0, redeliveredPerSecond: Double = 0, details: [Detail] = []) {
        self.name = name; self.waiting = waiting; self.delayed = delayed; self.inFlight = inFlight
        self.capacity = capacity; self.overflow = overflow; self.ackDeadline = ackDeadline
        self.maxDeliveries = maxDeliveries; self.deadLetterQueue = deadLetterQueue; self.deadLetterOf = deadLetterOf
        self.counters = counters; self.oldestWaitingAge = oldestWaitingAge; self.oldestUnackedAge = oldestUnackedAge
        self.latency = latency; self.attemptsHistogram = attemptsHistogram; self.consumers = consumers
        self.depthHistory = depthHistory; self.recentDeadLetters = recentDeadLetters
        self.enqueuedPerSecond = enqueuedPerSecond; self.ackedPerSecond = ackedPerSecond
        self.redeliveredPerSecond = redeliveredPerSecond; self.details = details
    }
    /// Whether it holds other queues' dead letters.
    public var isDeadLetterQueue: Bool { !deadLetterOf.isEmpty }
    /// Messages the queue holds: waiting, delayed and in flight.
    public var depth: Int { waiting + delayed + inFlight }
}

public struct LatencyPercentiles: Sendable, Equatable {
    public var p50: Nanos?
    public var p90: Nanos?
    public var p99: Nanos?
    public var max: Nanos?
    public init(p50: Nanos? = nil, p90: Nanos? = nil, p99: Nanos? = nil, max: Nanos? = nil) {
        self.p50 = p50; self.p90 = p90; self.p99 = p99; self.max = max
    }
}

public struct QueueConsumerSnapshot: Sendable, Equatable {
    public var id: String
    public var inFlight: Int
    /// Prefetch / JetStream MaxAckPending; nil when unbounded.
    public var maxInFlight: Int?
    public var counters: Counters
    /// When the engine counts in flight per connection channel, not per consumer (RabbitMQ), and this consumer
    /// shares its channel: how many consumers share it. `inFlight` is then the channel's; `maxInFlight` stays its own.
    public var inFlightSharedBy: Int?
    public init(id: String, inFlight: Int = 0, maxInFlight: Int? = nil, counters: Counters = .init(),
                inFlightSharedBy: Int? = nil) {
        self.id = id; self.inFlight = inFlight; self.maxInFlight = maxInFlight; self.counters = counters
        self.inFlightSharedBy = inFlightSharedBy
    }

    /// `shared by 2 consumers on one channel`, when it is.
    public var sharedInFlightWords: String? {
        inFlightSharedBy.map { "shared by \($0) consumers on one channel" }
    }
}

public struct DeadLetterInfo: Sendable, Equatable {
    public var messageId: String
    public var key: String?
    public var reason: String
    public var deliveryCount: Int
    public var firstDelivery: Nanos?
    public var lastDelivery: Nanos?
    public var source: String
    public var at: Nanos
    public init(messageId: String, key: String? = nil, reason: String, deliveryCount: Int,
                firstDelivery: Nanos? = nil, lastDelivery: Nanos? = nil, source: String, at: Nanos) {
        self.messageId = messageId; self.key = key; self.reason = reason; self.deliveryCount = deliveryCount
        self.firstDelivery = firstDelivery; self.lastDelivery = lastDelivery; self.source = source; self.at = at
    }
}
