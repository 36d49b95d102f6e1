#if RabbitMQ
public import SluiceModel
import AttachSupport

/// Moves a dead-letter queue's letters, as many as it held when the redrive began, back to where they were
/// first published (the exchange and routing key in their `x-death`), at a chosen rate, one `advance` at a
/// time: basic.get, a confirmed publish, then the ack, so a letter is never lost between the two queues.
final class QueueRedrive {
    let deadLetterQueue: String
    /// Letters per second; nil for all at once.
    let perSecond: Double?
    let total: Int
    private(set) var moved = 0
    private(set) var stopped: String?
    private var allowance: Double = 1

    init(deadLetterQueue: String, perSecond: Double?, total: Int) {
        self.deadLetterQueue = deadLetterQueue; self.perSecond = perSecond; self.total = total
    }

    var finished: Bool { moved >= total || stopped != nil }

    /// `orders.dlq → source: 12 of 40 letters`.
    var progress: String {
        "redrive \(deadLetterQueue): \(moved) of \(total) letter\(total == 1 ? "" : "s") moved back"
            + (stopped.map { "; stopped: \($0)" } ?? "")
    }

    /// Moves what the rate allows for `elapsed` nanoseconds.
    func advance(_ connection: AMQPConnection, elapsed: Nanos) {
        if let perSecond {
            // At most a second's worth banked, so a stalled frame does not burst.
            allowance = min(allowance + perSecond * Double(elapsed) / Double(NanosPerUnit.second), max(1, perSecond))
        } else {
            allowance = Double(Int.max)
        }
        while allowance >= 1, !finished {
            do {
                guard try moveOne(connection) else { stopped = "\(deadLetterQueue) is empty"; return }
                moved += 1
                allowance -= 1
            } catch {
                stopped = error.message
            }
        }
    }

    /// One letter back to its origin; false when the queue had none left.
    private func moveOne(_ connection: AMQPConnection) throws(AttachError) -> Bool {
        guard let letter = try connection.get(queue: deadLetterQueue) else { return false }
        guard let origin = DeadLetterDeaths(headers: letter.headers).origin else {
            try connection.requeue(upTo: letter.deliveryTag)
            throw AttachError("a message of \(deadLetterQueue) has no x-death header, so Sluice cannot tell where "
                                      + "it came from; it was left in place")
        }
        let key = origin.routingKeys.first ?? origin.queue
        do {
            try connection.publish(exchange: origin.exchange, routingKey: key, body: letter.body,
                                   properties: AMQPProperties(headers: letter.headers.map { ($0.name, $0.value) },
                                                              messageID: letter.messageID, timestamp: letter.timestamp))
        } catch {
            try? connection.requeue(upTo: letter.deliveryTag)
            throw error
        }
        try connection.ack(letter.deliveryTag)
        return true
    }
}
#endif
