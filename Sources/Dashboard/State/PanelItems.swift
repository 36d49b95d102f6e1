public import SluiceModel

/// One selectable row of a panel. The view draws these rows and `update` acts on the selected
/// one, so both read the same list.
public enum PanelItem: Equatable, Sendable {
    case topic(String)
    case partition(topic: String, index: Int)
    /// A stream's consumer group, or a queue's consumers.
    case group(GroupOrQueue)
    case member(group: GroupOrQueue, member: String)
    case queue(String)
    case breaker(String)
    case event(Int)
    case message(Int)
    case info
}

/// The rows each panel lists for a snapshot and a filter.
public enum PanelItems {
    public static func items(_ panel: PanelID, _ snapshot: SystemSnapshot, filter: String) -> [PanelItem] {
        switch panel {
        case .partitions: partitions(snapshot, filter: filter)
        case .groups: groups(snapshot, filter: filter)
        case .queues: queues(snapshot, filter: filter)
        case .events: events(snapshot, filter: filter).map { .event($0) }
        case .inspector: messages(snapshot, filter: filter).map { .message($0) }
        case .throughput, .retries, .lesson: []
        }
    }

    /// Whether `text` passes the filter (case-insensitive substring; an empty filter passes all).
    public static func matches(_ filter: String, _ texts: String...) -> Bool {
        guard !filter.isEmpty else { return true }
        let needle = filter.lowercased()
        return texts.contains { $0.lowercased().contains(needle) }
    }

    static func partitions(_ snapshot: SystemSnapshot, filter: String) -> [PanelItem] {
        snapshot.topics.flatMap { topic -> [PanelItem] in
            // A topic without partitions (a RabbitMQ exchange: its details are its routes) is its own row.
            if topic.partitions.isEmpty { return matches(filter, topic.name) ? [.topic(topic.name)] : [] }
            // With no filter nothing is matched, so a thousand partitions cost no strings.
            let kept = filter.isEmpty ? topic.partitions : topic.partitions.filter { matches(filter, topic.name, "p\($0.index)") }
            let rows = kept.map { PanelItem.partition(topic: topic.name, index: $0.index) }
            return rows.isEmpty ? [] : [.topic(topic.name)] + rows
        }
    }

    static func groups(_ snapshot: SystemSnapshot, filter: String) -> [PanelItem] {
        var items: [PanelItem] = []
        for group in snapshot.groups {
            let id = GroupOrQueue.group(group.id)
            let name = group.id.description
            let all = memberIds(of: group, snapshot)
            let members = filter.isEmpty ? all : all.filter { matches(filter, name, $0) }
            guard matches(filter, name) || !members.isEmpty else { continue }
            items.append(.group(id))
            items += members.map { .member(group: id, member: $0) }
        }
        for queue in snapshot.queues where !queue.isDeadLetterQueue {
            let consumers = queueConsumerIds(of: queue, snapshot).filter { matches(filter, queue.name, $0) }
            guard !consumers.isEmpty else { continue }
            items.append(.group(.queue(queue.name)))
            items += consumers.map { .member(group: .queue(queue.name), member: $0) }
        }
        return items
    }

    /// Whether the groups panel lists anything: a stream group, or a queue with consumers (what
    /// `groups(_:filter:)` lists with no filter, without listing it).
    static func hasConsumers(_ snapshot: SystemSnapshot) -> Bool {
        !snapshot.groups.isEmpty
            || snapshot.queues.contains { !$0.isDeadLetterQueue && !queueConsumerIds(of: $0, snapshot).isEmpty }
    }

    /// A group's members, then instances that belong to it but are not members (crashed ones).
    public static func memberIds(of group: GroupSnapshot, _ snapshot: SystemSnapshot) -> [String] {
        let members = group.members.map(\.id)
        let known = Set(members)
        let id = GroupOrQueue.group(group.id)
        let outsiders = snapshot.instances.filter { $0.source == id && !known.contains($0.id) }.map(\.id)
        return members + outsiders
    }

    /// A queue's consumers: instances reading it, else the consumers the queue reports.
    public static func queueConsumerIds(of queue: QueueSnapshot, _ snapshot: SystemSnapshot) -> [String] {
        let instances = snapshot.instances.filter { $0.source == .queue(queue.name) }.map(\.id)
        return instances.isEmpty ? queue.consumers.map(\.id) : instances
    }

    static func queues(_ snapshot: SystemSnapshot, filter: String) -> [PanelItem] {
        snapshot.queues.filter { matches(filter, $0.name) }.map { .queue($0.name) }
            + snapshot.breakers.filter { matches(filter, $0.name, "breaker") }.map { .breaker($0.name) }
    }

    /// Indexes into `snapshot.events`, newest first.
    static func events(_ snapshot: SystemSnapshot, filter: String) -> [Int] {
        snapshot.events.indices.reversed().filter { index in
            let event = snapshot.events[index]
            return matches(filter, event.text, event.kind.rawValue, event.correlationId ?? "")
        }
    }

    /// Indexes into the inspection's messages.
    static func messages(_ snapshot: SystemSnapshot, filter: String) -> [Int] {
        guard let messages = snapshot.inspection?.messages else { return [] }
        return messages.indices.filter { index in
            let message = messages[index]
            return matches(filter, UntrustedText.escape(message.key ?? []), UntrustedText.escape(message.value),
                           message.messageId ?? "", message.state?.rawValue ?? "")
        }
    }
}
