/// What RabbitMQ wrote into a dead letter's headers about how it died: `x-death` (one entry per queue and
/// reason, most recent first, with a count) and `x-first-death-reason` / `-queue` / `-exchange`.
public struct DeadLetterDeaths: Sendable, Equatable {
    public struct Death: Sendable, Equatable {
        /// `rejected`, `expired`, `maxlen` or `delivery_limit`.
        public var reason: String
        public var queue: String
        /// The exchange and routing keys the letter was published with before it died: where a redrive sends it back.
        public var exchange: String
        public var routingKeys: [String]
        public var count: Int64
        /// Unix seconds.
        public var time: UInt64?
    }

    public var deaths: [Death]
    public var firstReason: String?
    public var firstQueue: String?
    public var firstExchange: String?

    public init(headers: [AMQPTableEntry]) {
        deaths = []
        if case .array(let values)? = headers[field: "x-death"] {
            for case .table(let fields) in values {
                var keys: [String] = []
                if case .array(let routing)? = fields[field: "routing-keys"] { keys = routing.compactMap(\.text) }
                var time: UInt64?
                if case .timestamp(let seconds)? = fields[field: "time"] { time = seconds }
                deaths.append(Death(reason: fields[field: "reason"]?.text ?? "unknown", queue: fields[field: "queue"]?.text ?? "",
                                    exchange: fields[field: "exchange"]?.text ?? "", routingKeys: keys,
                                    count: fields[field: "count"]?.count ?? 1, time: time))
            }
        }
        firstReason = headers[field: "x-first-death-reason"]?.text
        firstQueue = headers[field: "x-first-death-queue"]?.text
        firstExchange = headers[field: "x-first-death-exchange"]?.text
    }

    public var isDeadLetter: Bool { !deaths.isEmpty || firstReason != nil }

    /// Deliveries the letter died after, as far as the headers tell: the deaths RabbitMQ counted.
    public var totalDeaths: Int64 { deaths.reduce(0) { $0 + $1.count } }

    /// Where the letter first came from: the first death's queue, with the exchange and key it was published with.
    public var origin: Death? {
        if let firstQueue { return deaths.last { $0.queue == firstQueue } ?? deaths.last }
        return deaths.last
    }

    /// One line per death, for the inspector: `rejected from orders (via exchange "", key orders) 3x`.
    public var lines: [String] {
        var lines = deaths.map { death in
            "x-death: \(death.reason) from \(death.queue) (exchange \(death.exchange.isEmpty ? "(default)" : death.exchange), "
                + "key \(death.routingKeys.joined(separator: ", "))) \(death.count)x"
        }
        if let firstReason {
            lines.append("x-first-death-reason: \(firstReason)" + (firstQueue.map { " in \($0)" } ?? ""))
        }
        return lines
    }
}
