public import SluiceModel

/// The dead letters seen since attaching, grouped by consumer, shown as dead-letter queues.
///
/// JetStream keeps no dead-letter queue: a message past MaxDeliver (or terminated) just stops being
/// delivered, and the server announces it in an advisory. The ledger is Sluice's memory of those.
public struct DeadLetterLedger: Sendable {
    /// Recent dead letters kept per consumer.
    public static let recentLimit = 50

    private var recent: [GroupID: [DeadLetterInfo]] = [:]
    private var totals: [GroupID: Int64] = [:]
    private var order: [GroupID] = []

    public init() {}

    /// Records one advisory and returns the event-log line for it.
    public mutating func record(_ advisory: JetStreamAdvisory, at now: Nanos) -> EventLogEntry {
        let id = advisory.groupID
        if totals[id] == nil { order.append(id) }
        totals[id, default: 0] += 1
        // The message id is the stream sequence, so the dashboard can hand it back to copyToDeadLetter.
        let info = DeadLetterInfo(messageId: "\(advisory.streamSequence)", reason: advisory.explanation,
                                  deliveryCount: Int(clamping: advisory.deliveries), source: advisory.stream, at: now)
        var list = recent[id, default: []]
        list.append(info)
        if list.count > Self.recentLimit { list.removeFirst(list.count - Self.recentLimit) }
        recent[id] = list
        return EventLogEntry(at: now, kind: .deadLetter,
                             text: "\(id): \(advisory.stream) #\(advisory.streamSequence) \(advisory.explanation)",
                             correlationId: "\(advisory.stream)#\(advisory.streamSequence)")
    }

    /// One dead-letter queue per consumer that has dead letters, configured like the consumer.
    public func queues(consumers: [ConsumerFacts]) -> [QueueSnapshot] {
        order.map { id in
            let consumer = consumers.first { $0.groupID == id }
            var counters = Counters()
            counters.deadLettered = totals[id, default: 0]
            let letters = recent[id, default: []]
            return QueueSnapshot(
                name: "\(id) dead letters", waiting: letters.count,
                ackDeadline: consumer?.ackWait ?? 0,
                maxDeliveries: consumer.flatMap { $0.maxDeliver > 0 ? Int(clamping: $0.maxDeliver) : nil },
                deadLetterOf: [id.description], counters: counters, recentDeadLetters: letters)
        }
    }
}
