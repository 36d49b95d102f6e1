import Broker
import KafkaProtocol

extension KafkaService {
    func metadata(_ request: MetadataRequest, version: Int16) -> MetadataResponse {
        var response = MetadataResponse()
        var broker = MetadataResponse.MetadataResponseBroker()
        broker.nodeId = Self.nodeId
        broker.host = advertisedHost
        broker.port = Int32(advertisedPort)
        response.brokers = [broker]
        response.clusterId = Self.clusterId
        response.controllerId = Self.nodeId
        // v0 asks for every topic with an empty list; v1 and later with null.
        let names: [String]
        if let requested = request.topics, !(requested.isEmpty && version == 0) {
            names = requested.compactMap(\.name)
        } else {
            names = self.broker.topics.map(\.name)
        }
        // Before v4 the request cannot say, and Kafka creates.
        let mayCreate = configuration.autoCreateTopics && (version < 4 || request.allowAutoTopicCreation)
        response.topics = names.map { topicMetadata($0, create: mayCreate) }
        return response
    }

    private func topicMetadata(_ name: String, create: Bool) -> MetadataResponse.MetadataResponseTopic {
        var topic = MetadataResponse.MetadataResponseTopic()
        topic.name = name
        guard let found = existingOrCreated(name, create: create) else {
            topic.errorCode = (TopicName.validate(name) == nil ? KafkaErrorCode.unknownTopicOrPartition : .invalidTopic).rawValue
            return topic
        }
        topic.partitions = (0..<found.partitionCount).map { index in
            var partition = MetadataResponse.MetadataResponsePartition()
            partition.partitionIndex = Int32(index)
            partition.leaderId = Self.nodeId
            partition.leaderEpoch = 0
            partition.replicaNodes = [Self.nodeId]
            partition.isrNodes = [Self.nodeId]
            return partition
        }
        return topic
    }

    /// The topic, created with the default partition count when `create` allows and the name is valid.
    func existingOrCreated(_ name: String, create: Bool) -> Topic? {
        if let topic = try? broker.topic(name) { return topic }
        guard create, TopicName.validate(name) == nil else { return nil }
        // Another connection may have created it meanwhile; then that one is it.
        return (try? broker.createTopic(name, partitions: configuration.defaultPartitions)) ?? (try? broker.topic(name))
    }
}

/// Kafka's rules for a topic name: 1 to 249 characters of ASCII letters, digits, '.', '_' and '-', not "." or "..".
enum TopicName {
    /// Why `name` is not a valid topic name, or nil.
    static func validate(_ name: String) -> String? {
        if name.isEmpty { return "empty" }
        if name == "." || name == ".." { return "'.' and '..' are reserved" }
        if name.utf8.count > 249 { return "longer than 249 characters" }
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
        return allowed ? nil : "only ASCII letters, digits, '.', '_' and '-' are allowed"
    }
}
