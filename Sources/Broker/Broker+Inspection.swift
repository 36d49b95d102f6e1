public import SluiceModel

extension Broker {
    /// A page of a partition's records from an offset or a time, or of the messages a queue holds, as the
    /// inspector shows them.
    public func inspect(_ target: InspectTarget, limit: Int = Inspection.pageSize) throws(BrokerError) -> Inspection {
        switch target {
        case .partition(let topicName, let partition, let start):
            let topic = try self.topic(topicName)
            let batch = try topic.read(partition: partition, from: try topic.offset(of: start, partition: partition), max: limit)
            let logStart = try topic.logStartOffset(partition: partition)
            let logEnd = try topic.logEndOffset(partition: partition)
            let readers = try groups.filter { $0.topic === topic }.map { (group) throws(BrokerError) in
                (committed: try group.committedOffset(partition: partition), position: try group.position(partition: partition))
            }
            return Inspection(target: target, messages: batch.map { record in
                InspectedMessage(offset: record.offset, messageId: record.messageId, key: record.key,
                                 headers: record.headers, value: record.value, timestamp: record.timestamp,
                                 state: Self.streamState(of: record.offset, readers: readers))
            }, total: Int(logEnd - logStart), before: Int(max(0, (batch.first?.offset ?? logEnd) - logStart)))
        case .queue(let name, let skip):
            let queue = try self.queue(name)
            let messages = queue.messages(skip: skip, limit: limit)
            return Inspection(target: target, messages: messages.map(\.inspected), total: queue.depth, before: max(0, skip))
        }
    }

    /// A record's state as its topic's groups see it; nil when no group reads the topic.
    static func streamState(of offset: Int64, readers: [(committed: Int64, position: Int64)]) -> MessageState? {
        guard !readers.isEmpty else { return nil }
        if readers.allSatisfy({ $0.committed > offset }) { return .consumed }
        if readers.contains(where: { $0.position <= offset }) { return .unread }
        return .handedOut
    }
}

extension QueueMessageInfo {
    /// The inspector's view: a dead letter waiting in its queue reads "dead-lettered", and its
    /// deliveries count those in the queue it came from.
    var inspected: InspectedMessage {
        let shown: MessageState = switch state {
        case .waiting: deadLetter == nil ? .waiting : .deadLettered
        case .delayed: .delayed
        case .inFlight: .inFlight
        }
        return InspectedMessage(offset: sequence, messageId: messageId, key: key, headers: headers, value: value,
                                timestamp: enqueuedAt, deliveryCount: deliveryCount + (deadLetter?.deliveryCount ?? 0),
                                state: shown, history: history)
    }

    /// What happened to the message, oldest first, from what the queue keeps.
    var history: [MessageHistoryEvent] {
        var events: [MessageHistoryEvent] = []
        if let origin = deadLetter {
            events.append(.deadLettered(source: origin.source, sequence: origin.sourceSequence,
                                        deliveries: origin.deliveryCount, firstDelivery: origin.firstDelivery,
                                        lastDelivery: origin.lastDelivery, at: origin.at, reason: origin.reason))
        }
        events.append(.enqueued(at: enqueuedAt))
        if let firstDelivery { events.append(.firstDelivered(at: firstDelivery)) }
        if deliveryCount > 1, let lastDelivery { events.append(.delivered(times: deliveryCount, lastAt: lastDelivery)) }
        switch state {
        case .waiting: break
        case .delayed: events.append(.delayed(until: dueAt ?? 0))
        case .inFlight: events.append(.inFlight(consumer: consumer, until: dueAt ?? 0))
        }
        return events
    }
}
