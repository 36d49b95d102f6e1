import AttachSupport
public import SluiceModel

/// Turns successive management-API polls into the dashboard's queues (work queues and their dead-letter
/// queues) and exchanges (as topics whose details are their bindings: the routing view).
///
/// A queue's ready messages wait; its unacknowledged ones are in flight; its consumers carry their
/// prefetch as max in flight. Rates are the API's own (averaged over its sample window), not deltas,
/// and every figure is as old as the API's last statistics emission.
public struct RabbitMQHistory: Sendable {
    /// Samples kept per series: two minutes at the default poll interval.
    public static let historyLength = 120
    /// RabbitMQ's default `consumer_timeout`: how long a delivery may stay unacknowledged before the channel is closed.
    public static let consumerTimeout: Nanos = 30 * 60 * NanosPerUnit.second

    /// UTC nanoseconds at run time zero, which places the API's Unix timestamps on the run's clock.
    public let epochAtStart: Int64
    private var depthSamples = SampleHistory(length: historyLength)
    private var throughputSamples = ThroughputHistory(length: historyLength)
    public private(set) var queues: [QueueSnapshot] = []
    public private(set) var topics: [TopicSnapshot] = []
    public private(set) var throughput = ThroughputSnapshot()
    /// Each queue's dead-letter queues, as the bindings route its dead letters.
    public private(set) var deadLetterQueues: [String: [String]] = [:]

    public init(epochAtStart: Int64) { self.epochAtStart = epochAtStart }

    /// The queues whose dead letters `queue` receives, by name.
    public func deadLetterSources(of queue: String) -> [String] {
        deadLetterQueues.keys.sorted().filter { deadLetterQueues[$0]?.contains(queue) == true }
    }

    public mutating func record(_ poll: RabbitPoll) {
        let routing = DeadLetterRouting(exchanges: poll.exchanges, bindings: poll.bindings, queues: poll.queues.map(\.name))
        deadLetterQueues = Dictionary(poll.queues.map { ($0.name, routing.deadLetterQueues(of: $0)) },
                                      uniquingKeysWith: { first, _ in first })
        let consumersByQueue = Dictionary(grouping: poll.consumers, by: \.queue)
        let consumersByChannel = Dictionary(grouping: poll.consumers, by: \.channel)
        let channels = Dictionary(poll.channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let nowEpoch = epochAtStart + poll.at
        queues = poll.queues.map { facts in
            queue(facts, consumers: consumersByQueue[facts.name] ?? [], nowEpoch: nowEpoch) { consumer in
                Self.inFlight(of: consumer, channel: channels[consumer.channel],
                              onChannel: consumersByChannel[consumer.channel] ?? [consumer],
                              onQueue: consumersByQueue[facts.name] ?? [], queueUnacknowledged: facts.unacknowledged ?? 0)
            }
        }
        depthSamples.keep(only: queues.map(\.name))
        topics = poll.exchanges.filter { !$0.name.isEmpty && !$0.name.hasPrefix("amq.") }.map { exchange in
            topic(exchange, bindings: poll.bindings.filter { $0.source == exchange.name })
        }
        throughput = throughputSamples.record(producedPerSecond: poll.queues.reduce(0) { $0 + $1.publishRate },
                                              consumedPerSecond: poll.queues.reduce(0) { $0 + $1.deliverRate })
    }

    /// A consumer's in flight: its channel's unacknowledged count when it is alone on the channel (exact), the
    /// channel's, marked shared, when it is not, and the queue's when the API has no figures for the channel yet
    /// and the consumer is the queue's only one (0 otherwise). Max in flight stays the consumer's own prefetch.
    static func inFlight(of consumer: RabbitConsumerFacts, channel: RabbitChannelFacts?, onChannel: [RabbitConsumerFacts],
                         onQueue: [RabbitConsumerFacts], queueUnacknowledged: Int64) -> QueueConsumerSnapshot {
        let prefetch = consumer.prefetch > 0 ? consumer.prefetch : nil
        guard let channel else {
            return QueueConsumerSnapshot(id: consumer.tag, inFlight: onQueue.count == 1 ? Int(clamping: queueUnacknowledged) : 0,
                                         maxInFlight: prefetch)
        }
        let sharing = max(channel.consumerCount, onChannel.count)
        guard sharing > 1 else {
            return QueueConsumerSnapshot(id: consumer.tag, inFlight: channel.unacknowledged, maxInFlight: prefetch)
        }
        return QueueConsumerSnapshot(id: consumer.tag, inFlight: channel.unacknowledged, maxInFlight: prefetch,
                                     inFlightSharedBy: sharing)
    }

    private mutating func queue(_ facts: RabbitQueueFacts, consumers: [RabbitConsumerFacts], nowEpoch: Int64,
                                inFlight: (RabbitConsumerFacts) -> QueueConsumerSnapshot) -> QueueSnapshot {
        var counters = Counters()
        counters.produced = facts.published ?? 0
        counters.delivered = facts.delivered ?? 0
        counters.acked = facts.acknowledged ?? 0
        counters.redelivered = facts.redelivered ?? 0
        let ready = Int(clamping: facts.ready ?? 0), unacknowledged = Int(clamping: facts.unacknowledged ?? 0)
        let sources = deadLetterSources(of: facts.name)
        let snapshotConsumers = consumers.map(inFlight)
        let oldest = facts.headMessageTimestamp.map { max(0, nowEpoch - $0 * NanosPerUnit.second) }
        return QueueSnapshot(
            name: facts.name, waiting: ready, inFlight: unacknowledged, ackDeadline: Self.consumerTimeout,
            maxDeliveries: facts.kind == .quorum ? facts.deliveryLimit : nil,
            deadLetterQueue: deadLetterQueues[facts.name]?.first, deadLetterOf: sources, counters: counters,
            oldestWaitingAge: ready > 0 ? oldest : nil, consumers: snapshotConsumers,
            depthHistory: depthSamples.record(Double(ready + unacknowledged), for: facts.name),
            enqueuedPerSecond: facts.publishRate, ackedPerSecond: facts.ackRate, redeliveredPerSecond: facts.redeliverRate,
            details: details(facts, consumers: consumers, inFlight: snapshotConsumers))
    }

    private func details(_ facts: RabbitQueueFacts, consumers: [RabbitConsumerFacts],
                         inFlight: [QueueConsumerSnapshot]) -> [Detail] {
        var details = [Detail("type", facts.typeName)]
        if facts.kind == .quorum {
            details.append(Detail("delivery limit", facts.deliveryLimit.map { "\($0) (then dead-lettered or dropped)" } ?? "none"))
        }
        details.append(Detail("dead-letter exchange", facts.deadLetterExchange.map { $0.isEmpty ? "(default)" : $0 } ?? "none"))
        if let key = facts.deadLetterRoutingKey { details.append(Detail("dead-letter routing key", key)) }
        if facts.deadLetterExchange != nil {
            let targets = deadLetterQueues[facts.name] ?? []
            details.append(Detail("dead letters go to", targets.isEmpty ? "no queue: nothing is bound to receive them" : targets.joined(separator: ", ")))
        }
        details.append(Detail("rates /s", "publish \(TextTable.rate(facts.publishRate)), deliver \(TextTable.rate(facts.deliverRate)), "
                              + "ack \(TextTable.rate(facts.ackRate)), redeliver \(TextTable.rate(facts.redeliverRate))"))
        for (consumer, figures) in zip(consumers, inFlight) {
            details.append(Detail("consumer \(consumer.tag)", "prefetch \(consumer.prefetch == 0 ? "unbounded" : "\(consumer.prefetch)")"
                                  + (consumer.acknowledges ? "" : ", auto-ack") + (consumer.active ? "" : ", inactive")
                                  + ", in flight \(figures.inFlight)" + (figures.sharedInFlightWords.map { " " + $0 } ?? "")))
        }
        if let policy = facts.policy { details.append(Detail("policy", policy)) }
        if let state = facts.state, state != "running" { details.append(Detail("state", state)) }
        return details + facts.arguments.map { Detail("argument " + $0.label, $0.value) }
    }

    /// An exchange as a topic without partitions; its details are its bindings.
    private func topic(_ exchange: RabbitExchangeFacts, bindings: [RabbitBindingFacts]) -> TopicSnapshot {
        var counters = Counters()
        counters.produced = exchange.publishedIn ?? 0
        let routes = bindings.map { binding in
            Detail("→ " + (binding.destinationIsQueue ? "queue " : "exchange ") + binding.destination,
                   binding.routingKey.isEmpty ? "(any key)" : "key " + binding.routingKey)
        }
        return TopicSnapshot(name: exchange.name, partitions: [], counters: counters, producedPerSecond: exchange.publishInRate,
                             details: [Detail("exchange", exchange.type)] + routes)
    }
}
