public import SluiceModel

extension Broker {
    /// The records of a partition from an offset, or the messages a queue holds, as the inspector shows them.
    public func inspect(_ target: InspectTarget, limit: Int = 100) throws(BrokerError) -> Inspection {
        switch target {
        case .partition(let topicName, let partition, let fromOffset):
            let batch = try topic(topicName).read(partition: partition, from: fromOffset, max: limit)
            return Inspection(target: target, messages: batch.map { record in
                InspectedMessage(offset: record.offset, messageId: record.messageId, key: record.key,
                                 headers: record.headers, value: record.value, timestamp: record.timestamp)
            })
        case .queue(let name):
            let messages = try queue(name).messages(limit: limit)
            return Inspection(target: target, messages: messages.map(\.inspected))
        }
    }
}

extension QueueMessageInfo {
    /// The inspector's view: a dead letter waiting in its queue reads "dead-lettered".
    var inspected: InspectedMessage {
        let shownState = deadLetter != nil && state == .waiting ? "dead-lettered" : state.rawValue
        return InspectedMessage(offset: sequence, messageId: messageId, key: key, headers: headers, value: value,
                                timestamp: enqueuedAt, deliveryCount: deliveryCount, state: shownState, history: history)
    }

    /// What happened to the message, oldest first, from what the queue keeps.
    var history: [String] {
        var lines: [String] = []
        if let origin = deadLetter {
            lines.append("\(origin.source) #\(origin.sourceSequence): \(origin.deliveryCount) deliveries"
                + (origin.firstDelivery.map { ", first at \($0) ns" } ?? "") + (origin.lastDelivery.map { ", last at \($0) ns" } ?? ""))
            lines.append("dead-lettered at \(origin.at) ns: \(origin.reason)")
        }
        lines.append("enqueued at \(enqueuedAt) ns")
        if let firstDelivery { lines.append("first delivered at \(firstDelivery) ns") }
        if deliveryCount > 1, let lastDelivery { lines.append("delivered \(deliveryCount) times, last at \(lastDelivery) ns") }
        switch state {
        case .waiting: break
        case .delayed: lines.append("delayed until \(dueAt ?? 0) ns")
        case .inFlight: lines.append("in flight with \(consumer ?? "?") until \(dueAt ?? 0) ns")
        }
        return lines
    }
}
