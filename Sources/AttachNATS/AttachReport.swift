public import SluiceModel

/// One snapshot of an attached engine as plain text: the headless `sluice attach --once` view.
public enum AttachReport {
    public static func render(_ snapshot: SystemSnapshot) -> String {
        var lines = ["\(snapshot.source.name) — \(snapshot.source.description)"]
        if let problem = snapshot.connectionProblem { lines.append("! \(problem)") }

        lines.append("")
        lines += table(
            header: ["STREAM", "SUBJECTS", "MESSAGES", "BYTES", "FIRST SEQ", "LAST SEQ", "IN/S"],
            rows: snapshot.topics.map { topic in
                let partition = topic.partitions.first
                let retained = partition?.retained ?? 0
                return [topic.name, detail("subjects", in: topic.details) ?? "", "\(retained)",
                        "\(partition?.bytes ?? 0)", retained > 0 ? "\(partition?.logStartOffset ?? 0)" : "-",
                        retained > 0 ? "\((partition?.logEndOffset ?? 1) - 1)" : "-", rate(topic.producedPerSecond)]
            },
            empty: "no streams")

        lines.append("")
        lines += table(
            header: ["CONSUMER", "KIND", "LAG", "ACK PENDING", "REDELIVERED", "DELIVERED/S", "ACK FLOOR"],
            rows: snapshot.groups.map { group in
                let member = group.members.first
                let ackPending = "\(member?.inFlight ?? 0)" + (member?.maxInFlight.map { "/\($0)" } ?? "")
                return [group.id.description, group.strategy, "\(group.totalLag)", ackPending, "\(group.counters.redelivered)",
                        rate(group.consumedPerSecond), detail("ack floor", in: group.details) ?? "-"]
            },
            empty: "no consumers")

        let letters = snapshot.queues.flatMap { queue in
            queue.recentDeadLetters.map { "\(queue.deadLetterOf.first ?? queue.name): \($0.source) #\($0.messageId) \($0.reason)" }
        }
        if !letters.isEmpty {
            lines += ["", "DEAD LETTERS (since attaching)"] + letters
        }

        lines += TextTable.unavailable(snapshot.capabilities)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func detail(_ label: String, in details: [Detail]) -> String? {
        details.first { $0.label == label }?.value
    }

    private static func rate(_ perSecond: Double) -> String { TextTable.rate(perSecond) }

    static func table(header: [String], rows: [[String]], empty: String) -> [String] {
        TextTable.render(header: header, rows: rows, empty: empty)
    }
}
