public import SluiceModel

/// What `e` shows for the row under the cursor: what it is, its numbers now with the arithmetic
/// filled in, and the keys of `Explanations` that say what they mean and how they are computed.
public struct Explained: Equatable, Sendable {
    public var subject: String
    public var facts: [String]
    public var keys: [String]
    /// Where a live engine's figures behind each key come from (`FigureOrigins`), by key; empty for a simulation.
    public var origins: [String: String]
    /// Who reported them: `the Kafka cluster`.
    public var reporter: String?
    public init(subject: String, facts: [String], keys: [String], origins: [String: String] = [:], reporter: String? = nil) {
        self.subject = subject; self.facts = facts; self.keys = keys; self.origins = origins; self.reporter = reporter
    }
}

/// Works out the number under the cursor of each panel. Read again every frame, so it stays live.
public enum Explainer {
    /// What to explain for `item` in `panel`, or nil when there is no number there.
    public static func explain(_ panel: PanelID, _ item: PanelItem?, _ snapshot: SystemSnapshot) -> Explained? {
        guard var explained = numbers(panel, item, snapshot) else { return nil }
        if let origins = snapshot.source.figureOrigins {
            explained.reporter = origins.reporter
            for key in explained.keys { explained.origins[key] = origins.origin(of: key) }
        }
        return explained
    }

    /// Every row of every panel (the chart panels as one row each) with what `e` says of it, nil where
    /// there is no number: what a check that an engine traces all its figures walks through.
    public static func everyRow(_ snapshot: SystemSnapshot) -> [(panel: PanelID, item: PanelItem?, explained: Explained?)] {
        PanelID.allCases.flatMap { panel in
            let items: [PanelItem?] = [.throughput, .retries].contains(panel) ? [nil] : PanelItems.items(panel, snapshot, filter: "").map { $0 }
            return items.map { (panel, $0, explain(panel, $0, snapshot)) }
        }
    }

    /// What `e` on a live engine fails to trace: rows with nothing to explain (events aside, which may only
    /// report), and explanation keys with no origin or with one naming none of `figures`. Empty when every
    /// number on screen is traced to the engine's own figures.
    public static func untracedFigures(_ snapshot: SystemSnapshot, naming figures: [String]) -> [String] {
        everyRow(snapshot).flatMap { panel, item, explained -> [String] in
            let row = "\(panel.rawValue) \(item.map { String(describing: $0) } ?? "panel")"
            guard let explained else { return panel == .events ? [] : [row + ": nothing to explain"] }
            if explained.keys.isEmpty { return [row + ": no key"] }
            return explained.keys.compactMap { key in
                guard let origin = explained.origins[key] else { return row + ": no origin for " + key }
                return figures.contains { origin.contains($0) } ? nil : row + ": " + key + " names no figure: " + origin
            }
        }
    }

    static func numbers(_ panel: PanelID, _ item: PanelItem?, _ snapshot: SystemSnapshot) -> Explained? {
        switch (panel, item) {
        case (.partitions, .topic(let name)?): return Self.topic(name, snapshot)
        case (.partitions, .partition(let topic, let index)?): return Self.partition(topic, index, snapshot)
        case (.groups, .group(let id)?): return Self.group(id, snapshot)
        case (.groups, .member(let group, let member)?): return Self.member(member, of: group, snapshot)
        case (.queues, .queue(let name)?): return Self.queue(name, snapshot)
        case (.queues, .breaker(let name)?): return Self.breaker(name, snapshot)
        case (.throughput, _): return Self.throughput(snapshot)
        case (.retries, _): return Self.retries(snapshot)
        case (.events, .event(let index)?): return Self.event(index, snapshot)
        case (.inspector, .message(let index)?): return Self.message(index, snapshot)
        case (.lesson, _): return Self.lesson(snapshot)
        default: return nil
        }
    }

    static func count(_ value: Int64) -> String { Format.count(value) }
    static func count(_ value: Int) -> String { Format.count(Int64(value)) }

    static func topic(_ name: String, _ snapshot: SystemSnapshot) -> Explained? {
        guard let topic = snapshot.topics.first(where: { $0.name == name }) else { return nil }
        let end = topic.partitions.reduce(Int64(0)) { $0 + $1.logEndOffset }
        let retained = topic.partitions.reduce(Int64(0)) { $0 + $1.retained }
        return Explained(subject: "stream " + UntrustedText.escape(name), facts: [
            "\(topic.partitions.count) partitions; their log end offsets add up to \(count(end)) records appended",
            "retained now: \(count(retained)) (log end - log start, summed); produced " + Format.rate(topic.producedPerSecond),
        ], keys: ["partition", "log_end_offset", "log_start_offset", "produced_rate"])
    }

    static func partition(_ topicName: String, _ index: Int, _ snapshot: SystemSnapshot) -> Explained? {
        guard let partition = snapshot.topics.first(where: { $0.name == topicName })?.partitions
            .first(where: { $0.index == index }) else { return nil }
        var facts = ["log start \(count(partition.logStartOffset)), log end \(count(partition.logEndOffset)): "
                     + "retained = \(count(partition.logEndOffset)) - \(count(partition.logStartOffset)) = \(count(partition.retained))",
                     "produced " + Format.rate(partition.producedPerSecond) + " into this partition"]
        let ref = PartitionRef(topic: topicName, partition: index)
        for group in snapshot.groups where group.reads(topicName) {
            guard let part = group.partition(ref) else { continue }
            let owner = part.owner.map { " · owner " + UntrustedText.escape($0) } ?? " · no owner"
            facts.append(UntrustedText.escape(group.name) + ": lag = \(count(part.logEndOffset)) - \(count(part.committedOffset))"
                         + " = \(count(part.lag))" + " · handed out " + Format.rate(part.consumedPerSecond) + owner
                         + (part.paused ? " · paused" : ""))
        }
        let total = max(1, partition.counters.produced)
        if !partition.hotKeys.isEmpty {
            let keys = partition.hotKeys.prefix(3).map {
                UntrustedText.escape($0.key) + " ~" + Format.percent(min(1, Double($0.records) / Double(total)))
            }
            facts.append("hottest keys (sampled): " + keys.joined(separator: ", ") + " of the records produced here")
        }
        return Explained(subject: UntrustedText.escape(topicName) + " partition \(index)", facts: facts,
                         keys: ["lag", "committed_offset", "log_end_offset", "log_start_offset", "produced_rate", "throughput"])
    }

    static func group(_ source: GroupOrQueue, _ snapshot: SystemSnapshot) -> Explained? {
        guard let id = source.group else { return source.queue.flatMap { queueConsumers($0, snapshot) } }
        guard let group = snapshot.group(id) else { return nil }
        let lags = group.partitions.map(\.lag)
        let sum = lags.count <= 8 ? lags.map { count($0) }.joined(separator: " + ") + " = " + count(group.totalLag)
            : "the sum over \(lags.count) partitions = " + count(group.totalLag)
        let trend = LagTrend(group.lagHistory, lag: group.totalLag)
        var facts = ["lag = " + sum, "consumed " + Format.rate(group.consumedPerSecond) + "; lag " + trend.summary]
        if group.subscriptions.count > 1 {
            facts.append("reads \(group.subscriptions.count) topics: "
                         + group.lagByTopic.map { UntrustedText.escape($0.topic) + " lag " + count($0.lag) }.joined(separator: ", "))
        }
        var keys = ["lag", "throughput"]
        let idle = group.members.filter(\.assigned.isEmpty).count
        facts.append("\(group.members.count) members share \(group.partitions.count) partitions (\(UntrustedText.escape(group.strategy)))"
                     + (idle > 0 ? "; \(idle) own none and sit idle" : ""))
        keys.append(idle > 0 ? "idle_members" : "assignment")
        if trend.direction == .draining { keys.append("drain_time") }
        return Explained(subject: "group " + UntrustedText.escape(id.description), facts: facts, keys: keys)
    }

    static func queueConsumers(_ name: String, _ snapshot: SystemSnapshot) -> Explained? {
        guard let queue = snapshot.queues.first(where: { $0.name == name }) else { return nil }
        // The same figure as the row's heading: the consumers' rates added up.
        let done = snapshot.queueDoneRate(name)
        return Explained(subject: "consumers of queue " + UntrustedText.escape(name), facts: [
            "done " + Format.rate(done) + " (its consumers' rates added up) · enqueued " + Format.rate(queue.enqueuedPerSecond),
            "in flight \(count(queue.inFlight)) across \(queue.consumers.count) consumers",
        ], keys: ["throughput", "in_flight"])
    }

    static func member(_ id: String, of source: GroupOrQueue, _ snapshot: SystemSnapshot) -> Explained? {
        let instance = snapshot.instances.first { $0.id == id }
        let name = UntrustedText.escape(id)
        let groupId = source.description
        guard let group = source.group.flatMap(snapshot.group) else {
            let consumer = source.queue.flatMap(snapshot.queue)?.consumers.first { $0.id == id }
            let usage = MemberUsage(consumer, instance)
            let inFlight = consumer?.sharedInFlightWords.map { shared in
                "in flight \(usage.inFlight) " + shared + " (the engine counts unacknowledged deliveries per channel)"
                    + (usage.limit.map { "; its own prefetch \($0)" } ?? "")
            } ?? "in flight \(usage.inFlight)" + (usage.limit.map { " of at most \($0)" } ?? " (no limit)")
                + ": delivered to it and not yet acked or nacked"
            return Explained(subject: "consumer " + name + " of queue " + UntrustedText.escape(groupId), facts: [
                inFlight,
                "processed " + Format.rate(usage.perSecond) + " · failing " + Format.percent(usage.errorRate) + " (last " + RateWindow.label + ")",
            ], keys: ["in_flight", "max_in_flight"])
        }
        let member = group.members.first { $0.id == id }
        let usage = MemberUsage(member, instance)
        guard let member else {
            return Explained(subject: "member " + name, facts: [name + " is not in the group now (crashed or leaving)"],
                             keys: ["assignment"])
        }
        let owned = group.partitions.filter { member.assigned.contains($0.ref) }
        let uncommitted = owned.reduce(Int64(0)) { $0 + max(0, $1.position - $1.committedOffset) }
        var facts = ["in flight \(usage.inFlight)" + (usage.limit.map { " of at most \($0)" } ?? "")
                     + ": records handed to it and not finished (polled and waiting, or in progress)"]
        if member.assigned.isEmpty {
            facts.append(name + " owns no partition: idle (the group has more members than partitions)")
        } else {
            let list = group.subscriptions.count > 1 ? Format.partitionList(member.assigned)
                : Format.partitionList(member.assigned.map(\.partition))
            facts.append("owns " + list + "; handed out but not committed yet: "
                         + count(uncommitted) + " (position - committed, summed)")
        }
        if let stuck = member.stuck {
            facts.append(name + " is stuck on " + UntrustedText.escape(stuck.description) + ": it retries that record in place,"
                         + " so its partitions wait behind it; u skips the record (commits past it), r seeks the group")
        }
        facts.append("processed " + Format.rate(usage.perSecond) + " · failing " + Format.percent(usage.errorRate) + " (last " + RateWindow.label + ")")
        return Explained(subject: "member " + name + " of " + UntrustedText.escape(groupId), facts: facts,
                         keys: (member.assigned.isEmpty ? ["idle_members", "assignment"] : ["records_in_flight", "position", "committed_offset"])
                            + ["throughput"])
    }

    static func queue(_ name: String, _ snapshot: SystemSnapshot) -> Explained? {
        guard let queue = snapshot.queues.first(where: { $0.name == name }) else { return nil }
        let escaped = UntrustedText.escape(name)
        let depth = "depth = waiting \(count(queue.waiting)) + delayed \(count(queue.delayed)) + in flight "
            + "\(count(queue.inFlight)) = \(count(queue.depth))"
        if queue.isDeadLetterQueue {
            let latest = queue.recentDeadLetters.max { $0.at < $1.at }
            let sources = queue.deadLetterOf.map(UntrustedText.escape).joined(separator: " and ")
            var facts = [escaped + " holds the dead letters of " + sources + ": " + depth,
                         "grows " + Format.rate(queue.enqueuedPerSecond)]
            if let latest {
                facts.append("latest: " + UntrustedText.escape(latest.messageId) + " after \(latest.deliveryCount) deliveries: "
                             + UntrustedText.escape(latest.reason))
            }
            facts += engineFacts(queue)
            return Explained(subject: "dead-letter queue " + escaped, facts: facts,
                             keys: ["dead_lettered", "queue_depth", "produced_rate", "delivery_count"])
        }
        var facts = [depth]
        facts.append(queue.oldestWaitingAge.map { "oldest waiting " + Format.duration($0) } ?? "nothing waiting")
        facts[1] += " · ack deadline " + Format.duration(queue.ackDeadline)
            + (queue.maxDeliveries.map { " · at most \($0) deliveries" } ?? "")
        var keys = ["queue_depth", "ack_deadline"]
        if let capacity = queue.capacity {
            let counters = queue.counters
            facts.append("capacity \(count(capacity)) (overflow \(queue.overflow.rawValue)): rejected "
                         + count(counters.rejected) + ", dropped " + count(counters.dropped) + ", blocked " + count(counters.blocked))
            if counters.rejected > 0 { keys.append("rejected") }
            if counters.dropped > 0 { keys.append("dropped") }
            if counters.blocked > 0 { keys.append("blocked") }
        }
        facts += engineFacts(queue)
        return Explained(subject: "queue " + escaped, facts: facts, keys: keys)
    }

    /// What the engine itself says about a queue (a RabbitMQ queue's type and dead-letter routing), escaped.
    static func engineFacts(_ queue: QueueSnapshot) -> [String] {
        queue.details.map { UntrustedText.escape($0.label) + ": " + UntrustedText.escape($0.value) }
    }

    static func breaker(_ name: String, _ snapshot: SystemSnapshot) -> Explained? {
        guard let breaker = snapshot.breakers.first(where: { $0.name == name }) else { return nil }
        return Explained(subject: "circuit breaker " + UntrustedText.escape(name), facts: [
            "state " + breaker.state.rawValue + " · failing " + Format.percent(breaker.failureRate) + " of recent calls",
            "calls refused while open: " + count(breaker.rejectedCalls) + " · downstream " + (breaker.downstreamUp ? "up" : "down"),
        ], keys: ["breaker_state", "failure_rate"])
    }

    static func throughput(_ snapshot: SystemSnapshot) -> Explained? {
        var facts = ["produced " + Format.rate(snapshot.throughput.producedPerSecond) + " · consumed "
                     + Format.rate(snapshot.throughput.consumedPerSecond)
                     + " (" + (snapshot.source.figureOrigins?.rateWindow ?? "last simulated second") + ")"]
        for group in snapshot.groups {
            let trend = LagTrend(group.lagHistory, lag: group.totalLag)
            facts.append(UntrustedText.escape(group.id.description) + ": lag " + count(group.totalLag) + ", " + trend.summary)
        }
        return Explained(subject: "throughput and lag", facts: facts, keys: ["throughput", "produced_rate", "lag", "drain_time"])
    }

    static func retries(_ snapshot: SystemSnapshot) -> Explained? {
        var facts = ["retries now " + Format.rate(snapshot.throughput.retriesPerSecond.last ?? 0)]
        for queue in snapshot.queues where !queue.attemptsHistogram.isEmpty {
            let settled = queue.attemptsHistogram.reduce(0, +)
            let deliveries = queue.attemptsHistogram.enumerated().reduce(Int64(0)) { $0 + Int64($1.offset + 1) * $1.element }
            guard settled > 0 else { continue }
            facts.append(UntrustedText.escape(queue.name) + ": attempts per message = \(count(deliveries)) deliveries / "
                         + "\(count(settled)) settled = " + Format.fixed(Double(deliveries) / Double(settled), decimals: 3))
        }
        for dlq in snapshot.queues where dlq.isDeadLetterQueue {
            facts.append(UntrustedText.escape(dlq.name) + " holds \(count(dlq.depth)) dead letters")
        }
        return Explained(subject: "retries and dead letters", facts: facts,
                         keys: ["attempts_per_message", "backoff", "dead_lettered"])
    }

    static func event(_ index: Int, _ snapshot: SystemSnapshot) -> Explained? {
        guard snapshot.events.indices.contains(index) else { return nil }
        let event = snapshot.events[index]
        let keys: [String] = switch event.kind {
        case .rebalance, .scale: ["assignment"]
        case .deadLetter, .redrive: ["dead_lettered", "delivery_count"]
        case .breaker, .outage: ["breaker_state", "failure_rate"]
        case .crash, .restart: ["committed_offset", "duplicates_delivered"]
        case .seek: ["position", "committed_offset"]
        case .pause, .resume: ["lag"]
        case .fault, .publish, .info, .warning: []
        }
        guard !keys.isEmpty else { return nil }
        return Explained(subject: event.kind.rawValue + " at " + Format.clock(event.at),
                         facts: [UntrustedText.escape(event.text)], keys: keys)
    }

    static func message(_ index: Int, _ snapshot: SystemSnapshot) -> Explained? {
        guard let messages = snapshot.inspection?.messages, messages.indices.contains(index) else { return nil }
        let message = messages[index]
        if case .partition = snapshot.inspection?.target, let offset = message.offset {
            var facts = ["a group has consumed it once its committed offset is above \(offset)"]
            if let state = message.state { facts.append("now " + state.rawValue) }
            facts += message.history.map(MessageHistoryText.line)
            return Explained(subject: "record at offset \(offset)", facts: facts, keys: ["committed_offset", "position"])
        }
        let id = message.messageId.map(UntrustedText.escape) ?? "?"
        return Explained(subject: "message " + id, facts: [
            "delivered \(message.deliveryCount ?? 0) times · now " + (message.state?.rawValue ?? "-"),
        ], keys: ["delivery_count", "redelivered"])
    }

    /// The lesson's step: the numbers its condition and text name.
    static func lesson(_ snapshot: SystemSnapshot) -> Explained? {
        guard let lesson = snapshot.lesson else { return nil }
        var keys: [String] = []
        let words = (lesson.condition + " " + lesson.text).split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
        for word in words {
            // `groups.orders/billing.final_lag` names its number last.
            let name = String(word.split(separator: ".").last ?? word)
            guard let explanation = Explanations.explain(name), !keys.contains(explanation.key) else { continue }
            keys.append(explanation.key)
            if keys.count == 3 { break }
        }
        guard !keys.isEmpty else { return nil }
        return Explained(subject: "lesson step \(lesson.stepIndex + 1)/\(lesson.stepCount)",
                         facts: lesson.condition.isEmpty ? [] : ["fires " + UntrustedText.escape(lesson.condition)], keys: keys)
    }
}

extension Reducer {
    /// `e`: explains the focused panel's selected row, or says there is nothing to explain there.
    mutating func explain() {
        let item = state.selectedItem(state.focus, snapshot)
        guard Explainer.explain(state.focus, item, snapshot) != nil else {
            return hint("nothing to explain here: select a row with a number (lag, in flight, depth...) and press e")
        }
        state.overlay = .explain(panel: state.focus, item: item, scroll: 0)
    }

    mutating func explainAction(_ action: Action) {
        guard case .explain(let panel, let item, let scroll) = state.overlay else { return }
        switch action {
        case .moveUp: state.overlay = .explain(panel: panel, item: item, scroll: max(0, scroll - 1))
        case .moveDown: state.overlay = .explain(panel: panel, item: item, scroll: scroll + 1)
        default: state.overlay = .none
        }
    }
}
