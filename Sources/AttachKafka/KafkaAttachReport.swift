public import SluiceModel

/// One snapshot of an attached Kafka cluster as plain text: the headless `sluice attach kafka://... --once` view.
/// Names and figures from the cluster are escaped here, so columns line up however hostile a topic name is.
public enum KafkaAttachReport {
    public static func render(_ snapshot: SystemSnapshot) -> String {
        let e = UntrustedText.escape as (String) -> String
        var lines = ["\(e(snapshot.source.name)) — \(e(snapshot.source.description))"]
        if let problem = snapshot.connectionProblem { lines.append("! \(e(problem))") }
        // What the cluster cannot answer (no group listing, say) explains an empty table below.
        lines += snapshot.events.filter { $0.kind == .warning && $0.text != snapshot.connectionProblem }.map { "! " + e($0.text) }

        lines.append("")
        lines += TextTable.render(
            header: ["TOPIC", "PARTITION", "LEADER", "LOG START", "LOG END", "IN/S"],
            rows: snapshot.topics.flatMap { topic in
                topic.partitions.map { partition in
                    [e(topic.name), "\(partition.index)", leader(topic, partition.index),
                     "\(partition.logStartOffset)", "\(partition.logEndOffset)", TextTable.rate(partition.producedPerSecond)]
                }
            },
            empty: "no topics")

        lines.append("")
        lines += TextTable.render(
            header: ["GROUP", "TOPICS", "STATE", "MEMBERS", "LAG", "CONSUMED/S"],
            rows: snapshot.groups.map { group in
                [e(group.name), e(group.subscriptions.joined(separator: ",")), e(detail("state", group) ?? "-"), e(detail("members", group) ?? "-"),
                 "\(group.totalLag)", TextTable.rate(group.consumedPerSecond)]
            },
            empty: "no consumer groups")

        let deadLetters = snapshot.queues.filter(\.isDeadLetterQueue)
        if !deadLetters.isEmpty {
            lines.append("")
            lines += TextTable.render(
                header: ["DEAD-LETTER TOPIC", "SOURCE", "RECORDS", "IN/S"],
                rows: deadLetters.map { [e($0.name), e($0.deadLetterOf.joined(separator: ",")), "\($0.depth)", TextTable.rate($0.enqueuedPerSecond)] },
                empty: "no dead-letter topics")
        }

        lines += TextTable.unavailable(snapshot.capabilities)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The leader's broker id from the topic's partition detail (`... leader 3, ...`), or `-`.
    private static func leader(_ topic: TopicSnapshot, _ partition: Int) -> String {
        guard let text = topic.details.first(where: { $0.label == "p\(partition)" })?.value,
              let range = text.firstRange(of: "leader ") else { return "-" }
        return String(text[range.upperBound...].prefix { $0.isNumber }).nonEmpty ?? "-"
    }

    private static func detail(_ label: String, _ group: GroupSnapshot) -> String? {
        group.details.first { $0.label == label }?.value
    }
}
