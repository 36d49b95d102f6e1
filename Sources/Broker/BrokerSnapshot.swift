public import SluiceModel

/// The broker's part of a `SystemSnapshot`: immutable, `Sendable`, copied in one call.
public struct BrokerSnapshot: Sendable, Equatable {
    public var now: Nanos
    public var topics: [TopicSnapshot]
    public var groups: [GroupSnapshot]
    public var queues: [QueueSnapshot]
    /// Idempotent Kafka producers (client id, producer id, epoch), for the dashboard to name.
    public var producers: [ProducerSnapshot]

    public init(now: Nanos, topics: [TopicSnapshot] = [], groups: [GroupSnapshot] = [], queues: [QueueSnapshot] = [],
                producers: [ProducerSnapshot] = []) {
        self.now = now; self.topics = topics; self.groups = groups; self.queues = queues; self.producers = producers
    }

    /// Every counter of every topic, group and queue added up.
    public var totals: Counters {
        var totals = Counters()
        for topic in topics { totals.add(topic.counters) }
        for group in groups { totals.add(group.counters) }
        for queue in queues { totals.add(queue.counters) }
        return totals
    }

    /// Records produced to topics plus messages enqueued, per second.
    public var producedPerSecond: Double {
        topics.reduce(0) { $0 + $1.producedPerSecond } + queues.reduce(0) { $0 + $1.enqueuedPerSecond }
    }

    /// Records handed to groups plus messages acked, per second.
    public var consumedPerSecond: Double {
        groups.reduce(0) { $0 + $1.consumedPerSecond } + queues.reduce(0) { $0 + $1.ackedPerSecond }
    }

    public func topic(_ name: String) -> TopicSnapshot? { topics.first { $0.name == name } }
    public func group(id: GroupID) -> GroupSnapshot? { groups.first { $0.id == id } }
    public func queue(_ name: String) -> QueueSnapshot? { queues.first { $0.name == name } }
}
