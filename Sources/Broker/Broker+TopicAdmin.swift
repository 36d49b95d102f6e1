import SluiceModel
import Synchronization

/// What Kafka's admin clients do to topics: delete one, or give it more partitions.
extension Broker {
    /// Deletes a topic and its records, and the committed offsets client groups kept for it. Refused while a
    /// broker-assigned group reads it: its simulated members hold the topic.
    public func deleteTopic(_ name: String) throws(BrokerError) {
        try registry.withLock { (registry) throws(BrokerError) in
            guard registry.topics[name] != nil else { throw .unknownTopic(name) }
            if let reader = registry.groupOrder.first(where: { $0.topic.name == name }) {
                throw .invalidArgument("topic '\(name)' is read by the simulated group '\(reader.id)'")
            }
            registry.topics[name] = nil
            registry.topicOrder.removeAll { $0.name == name }
        }
        for group in clientGroups.all { group.forgetTopic(name) }
        log(.info, "topic \(name) deleted")
    }

    /// Grows a topic to `count` partitions (a topic never shrinks); refused while a broker-assigned group reads it.
    @discardableResult
    public func addPartitions(to name: String, count: Int) throws(BrokerError) -> Topic {
        let grown = try registry.withLock { (registry) throws(BrokerError) -> Topic in
            guard let topic = registry.topics[name] else { throw .unknownTopic(name) }
            guard count > topic.partitionCount else {
                throw .invalidArgument("topic '\(name)' has \(topic.partitionCount) partitions; it can only grow, not to \(count)")
            }
            if let reader = registry.groupOrder.first(where: { $0.topic.name == name }) {
                throw .invalidArgument("topic '\(name)' is read by the simulated group '\(reader.id)'")
            }
            let grown = Topic(growing: topic, to: count)
            registry.topics[name] = grown
            registry.topicOrder = registry.topicOrder.map { $0 === topic ? grown : $0 }
            return grown
        }
        log(.info, "topic \(name) now has \(count) partitions")
        return grown
    }
}
