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
    public static func items(_ panel: PanelID, _ snapshot: SystemSnapshot, filter: String) -> PanelItemList {
        switch panel {
        case .partitions: partitions(snapshot, filter: filter)
        case .groups: groups(snapshot, filter: filter)
        case .queues: PanelItemList(queues(snapshot, filter: filter))
        case .events: PanelItemList(events(snapshot, filter: filter).map { .event($0) })
        case .inspector: PanelItemList(messages(snapshot, filter: filter).map { .message($0) })
        case .throughput, .retries, .lesson: PanelItemList()
        }
    }

    /// Whether `text` passes the filter (case-insensitive substring; an empty filter passes all).
    public static func matches(_ filter: String, _ texts: String...) -> Bool {
        guard !filter.isEmpty else { return true }
        let needle = filter.lowercased()
        return texts.contains { $0.lowercased().contains(needle) }
    }

    static func partitions(_ snapshot: SystemSnapshot, filter: String) -> PanelItemList {
        var list = PanelItemList()
        for topic in snapshot.topics {
            // A topic without partitions (a RabbitMQ exchange: its details are its routes) is its own row.
            if topic.partitions.isEmpty {
                if matches(filter, topic.name) { list.append(.one(.topic(topic.name))) }
                continue
            }
            // With no filter a topic's partitions are one run, listed by the snapshot itself.
            if filter.isEmpty {
                list.append(.one(.topic(topic.name)))
                list.append(.partitions(topic: topic.name, topic.partitions))
                continue
            }
            let rows = topic.partitions.filter { matches(filter, topic.name, "p\($0.index)") }
                .map { PanelItem.partition(topic: topic.name, index: $0.index) }
            if !rows.isEmpty { list.append(.listed([.topic(topic.name)] + rows)) }
        }
        return list
    }

    static func groups(_ snapshot: SystemSnapshot, filter: String) -> PanelItemList {
        var list = PanelItemList()
        let outsiders = outsidersByGroup(snapshot)
        for group in snapshot.groups {
            let id = GroupOrQueue.group(group.id)
            let others = outsiders[group.id] ?? []
            if filter.isEmpty {
                list.append(.one(.group(id)))
                list.append(.members(group: id, group.members))
                list.append(.listed(others.map { .member(group: id, member: $0) }))
                continue
            }
            let name = group.id.description
            let members = (group.members.map(\.id) + others).filter { matches(filter, name, $0) }
            guard matches(filter, name) || !members.isEmpty else { continue }
            list.append(.listed([.group(id)] + members.map { .member(group: id, member: $0) }))
        }
        for queue in snapshot.queues where !queue.isDeadLetterQueue {
            let consumers = queueConsumerIds(of: queue, snapshot).filter { matches(filter, queue.name, $0) }
            guard !consumers.isEmpty else { continue }
            list.append(.listed([.group(.queue(queue.name))] + consumers.map { .member(group: .queue(queue.name), member: $0) }))
        }
        return list
    }

    /// Whether the groups panel lists anything: a stream group, or a queue with consumers (what
    /// `groups(_:filter:)` lists with no filter, without listing it).
    static func hasConsumers(_ snapshot: SystemSnapshot) -> Bool {
        !snapshot.groups.isEmpty
            || snapshot.queues.contains { !$0.isDeadLetterQueue && !queueConsumerIds(of: $0, snapshot).isEmpty }
    }

    /// Per stream group, the instances that belong to it but are not its members (crashed ones), listed
    /// after its members. One pass over the instances for all groups, without hashing each id: a group's
    /// instances are walked beside its members, which usually come in the same order; only instances out of
    /// that order are looked up among the members the walk did not reach.
    static func outsidersByGroup(_ snapshot: SystemSnapshot) -> [GroupID: [String]] {
        let groups = snapshot.groups
        guard !groups.isEmpty else { return [:] }
        var place: [GroupID: Int] = [:]
        for (index, group) in groups.enumerated() where place[group.id] == nil { place[group.id] = index }
        var nextMember = Array(repeating: 0, count: groups.count)
        var outOfOrder: [[String]] = Array(repeating: [], count: groups.count)
        // Instances of one source come together: each run's group is looked up once.
        var runSource: GroupOrQueue?
        var runPlace: Int?
        for instance in snapshot.instances {
            if instance.source != runSource { runSource = instance.source; runPlace = instance.source.group.flatMap { place[$0] } }
            guard let index = runPlace else { continue }
            let members = groups[index].members
            if nextMember[index] < members.count, members[nextMember[index]].id == instance.id {
                nextMember[index] += 1
            } else {
                outOfOrder[index].append(instance.id)
            }
        }
        var outsiders: [GroupID: [String]] = [:]
        for (index, candidates) in outOfOrder.enumerated() where !candidates.isEmpty {
            let unreached = Set(groups[index].members[nextMember[index]...].lazy.map(\.id))
            let found = candidates.filter { !unreached.contains($0) }
            if !found.isEmpty { outsiders[groups[index].id, default: []] += found }
        }
        return outsiders
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
