public import SluiceModel

/// One snapshot of an attached RabbitMQ as plain text: the headless `sluice attach amqp://... --once` view.
/// Every name came from the broker, so each is escaped.
public enum RabbitMQAttachReport {
    public static func render(_ snapshot: SystemSnapshot) -> String {
        var lines = [safe(snapshot.source.name) + " — " + safe(snapshot.source.description)]
        if let problem = snapshot.connectionProblem { lines.append("! " + safe(problem)) }

        lines.append("")
        let work = snapshot.queues
        lines += TextTable.render(
            header: ["QUEUE", "TYPE", "READY", "UNACKED", "CONSUMERS", "PREFETCH", "PUBLISH/S", "ACK/S", "REDELIVER/S",
                     "DELIVERY LIMIT", "DEAD LETTERS TO"],
            rows: work.map { queue in
                [safe(queue.name) + (queue.isDeadLetterQueue ? " (DLQ of \(safe(queue.deadLetterOf.joined(separator: ","))))" : ""), value("type", queue.details),
                 "\(queue.waiting)", "\(queue.inFlight)", "\(queue.consumers.count)",
                 queue.consumers.map { $0.maxInFlight.map(String.init) ?? "unbounded" }.joined(separator: ","),
                 TextTable.rate(queue.enqueuedPerSecond), TextTable.rate(queue.ackedPerSecond),
                 TextTable.rate(queue.redeliveredPerSecond), queue.maxDeliveries.map(String.init) ?? "-",
                 value("dead letters go to", queue.details)]
            }, empty: "no queues")

        let routes = snapshot.topics.flatMap { exchange in
            exchange.details.filter { $0.label.hasPrefix("→ ") }.map { route in
                [safe(exchange.name), value("exchange", exchange.details), safe(String(route.label.dropFirst(2))), safe(route.value)]
            }
        }
        lines.append("")
        lines += TextTable.render(header: ["EXCHANGE", "TYPE", "ROUTES TO", "BINDING"], rows: routes, empty: "no bindings on named exchanges")

        lines += TextTable.unavailable(snapshot.capabilities)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func safe(_ text: String) -> String { UntrustedText.escape(text) }

    private static func value(_ label: String, _ details: [Detail]) -> String {
        details.first { $0.label == label }.map { safe($0.value) } ?? "-"
    }
}
