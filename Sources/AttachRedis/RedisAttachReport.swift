public import SluiceModel

/// One snapshot of an attached Redis as plain text: the headless `sluice attach redis://... --once` view.
/// Every name and id came from the server, so each is escaped.
public enum RedisAttachReport {
    public static func render(_ snapshot: SystemSnapshot) -> String {
        var lines = [safe(snapshot.source.name) + " — " + safe(snapshot.source.description)]
        if let problem = snapshot.connectionProblem { lines.append("! " + safe(problem)) }

        lines.append("")
        lines += RedisTextTable(header: ["STREAM", "LENGTH", "ENTRIES ADDED", "FIRST ID", "LAST ID", "IN/S"], rows: snapshot.topics.map { topic in
            [safe(topic.name), detail("length", topic), detail("entries added", topic), detail("first id", topic),
             detail("last id", topic), rate(topic.producedPerSecond)]
        }).lines(empty: "no streams")

        lines.append("")
        lines += RedisTextTable(header: ["GROUP", "CONSUMERS", "PENDING", "LAG", "LAST DELIVERED", "ENTRIES READ", "READ/S"],
                                rows: snapshot.groups.map { group in
            [safe(group.id.description), "\(group.members.count)", "\(group.members.reduce(0) { $0 + $1.inFlight })",
             lag(group), value("last delivered id", group.details), value("entries read", group.details),
             rate(group.consumedPerSecond)]
        }).lines(empty: "no consumer groups")

        let consumers = snapshot.groups.flatMap { group in
            group.members.map { [safe(group.id.description), safe($0.id), "\($0.inFlight)", value("consumer \($0.id)", group.details)] }
        }
        if !consumers.isEmpty {
            lines.append("")
            lines += RedisTextTable(header: ["GROUP", "CONSUMER", "PENDING", "STATE"], rows: consumers).lines(empty: "")
        }

        let letters = snapshot.queues.filter(\.isDeadLetterQueue)
        if !letters.isEmpty {
            lines.append("")
            lines += RedisTextTable(header: ["DEAD-LETTER STREAM", "SOURCE", "LENGTH", "IN/S"], rows: letters.map { queue in
                [safe(queue.name), safe(queue.deadLetterOf.joined(separator: ",")), "\(queue.waiting)", rate(queue.enqueuedPerSecond)]
            }).lines(empty: "")
        }

        lines += TextTable.unavailable(snapshot.capabilities)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func safe(_ text: String) -> String { UntrustedText.escape(text) }

    private static func detail(_ label: String, _ topic: TopicSnapshot) -> String { value(label, topic.details) }

    private static func value(_ label: String, _ details: [Detail]) -> String {
        details.first { $0.label == label }.map { safe($0.value) } ?? "-"
    }

    /// Redis's own lag where it knows it; the details say when Sluice counted it instead.
    private static func lag(_ group: GroupSnapshot) -> String {
        let text = value("lag", group.details)
        return text.hasPrefix("at least") ? "\(group.totalLag)+" : (text == "unknown" ? "?" : "\(group.totalLag)")
    }

    private static func rate(_ perSecond: Double) -> String {
        let tenths = Int((perSecond * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// Left-aligned columns two spaces apart, for the plain-text report.
struct RedisTextTable {
    let header: [String]
    let rows: [[String]]

    func lines(empty: String) -> [String] {
        guard !rows.isEmpty else { return ["(\(empty))"] }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            zip(row, widths).enumerated().map { index, cell in
                index == row.count - 1 ? cell.0 : cell.0 + String(repeating: " ", count: cell.1 - cell.0.count)
            }.joined(separator: "  ")
        }
    }
}
