#if RabbitMQ
public import SluiceModel
public import AttachSupport

/// What the dashboard can change on a live RabbitMQ, over AMQP: publish, browse a queue's head (get with
/// requeue), redrive a dead-letter queue at a rate, purge. Each answers with what the broker did, in one line.
extension RabbitMQBackend {
    func perform(_ command: Command) throws(AttachError) -> CommandOutcome {
        switch command {
        case let .publish(target, key, value, headers, messageID):
            return try publish(to: target, key: key, value: value, headers: headers, messageID: messageID)
        case .inspect(nil):
            inspection = nil
            return .done("inspector closed")
        case let .inspect(.queue(name, skip)):
            return try browse(name, skip: skip)
        case .inspect(.partition(let exchange, _, _)):
            throw AttachError("\(exchange) is an exchange: it holds no messages to browse; browse a queue it routes to")
        case let .redrive(queue, perSecond):
            return try startRedrive(queue, perSecond: perSecond)
        case .purge(let queue):
            return try purge(queue)
        default:
            throw AttachError("\(command.kind.rawValue) is not available on a live RabbitMQ")
        }
    }

    /// To an exchange (the key is the routing key), or to a queue through the default exchange (its name is the key).
    public func publish(to target: String, key: String?, value: [UInt8], headers: [Header],
                        messageID: String?) throws(AttachError) -> CommandOutcome {
        let exchange: String, routingKey: String
        if exchangeFacts(target) != nil {
            (exchange, routingKey) = (target, key ?? "")
        } else if queueFacts(target) != nil {
            if let key, !key.isEmpty {
                throw AttachError("\(target) is a queue, reached through the default exchange by its name; to route "
                                          + "by key '\(key)', publish to an exchange (the topics panel lists them)")
            }
            (exchange, routingKey) = ("", target)
        } else {
            throw AttachError("no exchange or queue named \(target)")
        }
        let properties = AMQPProperties(headers: headers.map { ($0.name, AMQPFieldValue.bytes($0.value)) }, messageID: messageID,
                                        timestamp: UInt64(max(0, SystemTime.epochNanos() / NanosPerUnit.second)))
        try withAMQP { connection throws(AttachError) in
            try connection.publish(exchange: exchange, routingKey: routingKey, body: value, properties: properties)
        }
        return .done("published \(value.count) bytes to \(AMQPConnection.exchangeName(exchange)) with key \(routingKey), "
                     + "confirmed by the broker")
    }

    /// The head of a queue, read with basic.get and put back in order (basic.nack with requeue), so nothing is
    /// consumed for good; each message comes back marked redelivered.
    public func browse(_ name: String, skip: Int) throws(AttachError) -> CommandOutcome {
        guard let queue = queueFacts(name) else { throw AttachError("no queue named \(name)") }
        if let refusal = RabbitMQCapabilities.browseRefusal(queue) { throw AttachError(refusal) }
        let skip = min(max(0, skip), 1000)
        let deliveries = try withAMQP { connection throws(AttachError) -> [AMQPDelivery] in
            var taken: [AMQPDelivery] = []
            defer { if let last = taken.last { try? connection.requeue(upTo: last.deliveryTag) } }
            while taken.count < skip + Inspection.pageSize, let delivery = try connection.get(queue: name) {
                taken.append(delivery)
            }
            return taken
        }
        let page = deliveries.dropFirst(skip)
        let messages = page.map { inspected($0) }
        let total = max(deliveries.count, Int(clamping: queue.ready ?? 0))
        inspection = Inspection(target: .queue(name: name, skip: skip), messages: Array(messages), total: total, before: skip)
        let letters = messages.filter { $0.state == .deadLettered }.count
        return .done("\(name): \(messages.count) message\(messages.count == 1 ? "" : "s") read and put back"
                     + (letters > 0 ? ", \(letters) dead letter\(letters == 1 ? "" : "s")" : ""))
    }

    private func inspected(_ delivery: AMQPDelivery) -> InspectedMessage {
        let deaths = DeadLetterDeaths(headers: delivery.headers)
        let epoch = delivery.timestamp.map { Int64(clamping: $0) * NanosPerUnit.second }
        var message = InspectedMessage(
            messageId: delivery.messageID, key: Array(delivery.routingKey.utf8),
            headers: delivery.headers.map { Header($0.name, $0.value.displayBytes) }, value: delivery.body,
            timestamp: epoch.map { $0 - history.epochAtStart } ?? now,
            state: deaths.isDeadLetter ? .deadLettered : .waiting)
        if let count = delivery.headers[field: "x-delivery-count"]?.count { message.deliveryCount = Int(clamping: count) }
        message.history = deaths.lines.map { .note($0) }
        message.history.append(.note("published to \(AMQPConnection.exchangeName(delivery.exchange)) with key \(delivery.routingKey)"
                                     + (delivery.redelivered ? "; delivered before" : "")))
        return message
    }

    /// Starts moving a dead-letter queue's letters back to where they came from.
    public func startRedrive(_ name: String, perSecond: Double?) throws(AttachError) -> CommandOutcome {
        guard let queue = queueFacts(name) else { throw AttachError("no queue named \(name)") }
        if let running = redrive { throw AttachError("a redrive is already running: \(running.progress)") }
        if let perSecond, !(perSecond > 0) { throw AttachError("the redrive rate must be above 0 per second") }
        let total = Int(clamping: queue.ready ?? 0)
        guard total > 0 else { throw AttachError("\(name) holds no ready letters to redrive") }
        redrive = QueueRedrive(deadLetterQueue: name, perSecond: perSecond, total: total)
        advance(wallNanos: 0)
        return .done("redriving \(total) letter\(total == 1 ? "" : "s") of \(name) to where they were first published"
                     + (perSecond.map { " at \(TextTable.rate($0))/s" } ?? ", all at once"))
    }

    /// queue.purge: every ready message of the queue is dropped (unacknowledged ones stay with their consumers).
    func purge(_ name: String) throws(AttachError) -> CommandOutcome {
        guard queueFacts(name) != nil else { throw AttachError("no queue named \(name)") }
        let dropped = try withAMQP { connection throws(AttachError) in try connection.purge(queue: name) }
        pollNow()
        return .done("purged \(name): \(dropped) message\(dropped == 1 ? "" : "s") dropped")
    }

    /// The running redrive's progress, if one runs.
    public var redriveProgress: String? { redrive?.progress }
}
#endif
