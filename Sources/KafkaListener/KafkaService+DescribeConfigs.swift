import Broker
import KafkaProtocol
import SluiceModel

extension KafkaService {
    /// Kafka's resource types in DescribeConfigs.
    private enum ResourceType {
        static let topic: Int8 = 2, broker: Int8 = 4
    }

    /// ConfigSource: a topic's own setting, or the broker's default.
    private enum ConfigSource {
        static let topic: Int8 = 1, defaultConfig: Int8 = 5
    }

    /// The settings a topic or this broker has, as Kafka names them: read-only, since nothing alters them here.
    func describeConfigs(_ request: DescribeConfigsRequest, version: Int16) -> DescribeConfigsResponse {
        var response = DescribeConfigsResponse()
        response.results = request.resources.map { resource in
            var result = DescribeConfigsResponse.DescribeConfigsResult()
            result.resourceType = resource.resourceType
            result.resourceName = resource.resourceName
            let settings: [(name: String, value: String, source: Int8)]
            switch resource.resourceType {
            case ResourceType.topic:
                guard let topic = try? broker.topic(resource.resourceName) else {
                    result.errorCode = KafkaErrorCode.unknownTopicOrPartition.rawValue
                    result.errorMessage = "unknown topic '\(resource.resourceName)'"
                    return result
                }
                settings = topicSettings(topic)
            case ResourceType.broker where resource.resourceName == "\(Self.nodeId)" || resource.resourceName.isEmpty:
                settings = [
                    ("auto.create.topics.enable", "\(configuration.autoCreateTopics)", ConfigSource.defaultConfig),
                    ("num.partitions", "\(configuration.defaultPartitions)", ConfigSource.defaultConfig),
                    ("socket.request.max.bytes", "\(configuration.maxFrameBytes)", ConfigSource.defaultConfig),
                ]
            default:
                result.errorCode = KafkaErrorCode.invalidRequest.rawValue
                result.errorMessage = "only topics and broker \(Self.nodeId) are described here"
                return result
            }
            let wanted = resource.configurationKeys.map(Set.init)
            result.configs = settings.filter { wanted?.contains($0.name) ?? true }.map { setting in
                var entry = DescribeConfigsResponse.DescribeConfigsResourceResult()
                entry.name = setting.name
                entry.value = setting.value
                entry.readOnly = true
                // v0 says "default" with a flag; later versions name the source.
                if version == 0 { entry.isDefault = setting.source == ConfigSource.defaultConfig }
                entry.configSource = setting.source
                return entry
            }
            return result
        }
        return response
    }

    private func topicSettings(_ topic: Topic) -> [(name: String, value: String, source: Int8)] {
        let retention = topic.retention
        let ms = retention.maxAge.map { "\($0 / NanosPerUnit.millisecond)" }
        return [
            ("cleanup.policy", "delete", ConfigSource.defaultConfig),
            ("retention.ms", ms ?? "-1", ms == nil ? ConfigSource.defaultConfig : ConfigSource.topic),
            ("retention.bytes", retention.maxBytes.map { "\($0)" } ?? "-1",
             retention.maxBytes == nil ? ConfigSource.defaultConfig : ConfigSource.topic),
            topic.stampsAppendTime ? ("message.timestamp.type", "LogAppendTime", ConfigSource.topic)
                : ("message.timestamp.type", "CreateTime", ConfigSource.defaultConfig),
            ("max.message.bytes", "\(configuration.maxFrameBytes)", ConfigSource.defaultConfig),
        ]
    }
}
