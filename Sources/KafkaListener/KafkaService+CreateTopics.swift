import Broker
import KafkaProtocol

extension KafkaService {
    func createTopics(_ request: CreateTopicsRequest, version _: Int16) -> CreateTopicsResponse {
        var response = CreateTopicsResponse()
        response.topics = request.topics.map { wanted in
            var result = CreateTopicsResponse.CreatableTopicResult()
            result.name = wanted.name
            let partitions = wanted.numPartitions == -1 ? configuration.defaultPartitions : Int(wanted.numPartitions)
            result.numPartitions = Int32(partitions)
            result.replicationFactor = 1
            if let problem = TopicName.validate(wanted.name) {
                result.errorCode = KafkaErrorCode.invalidTopic.rawValue
                result.errorMessage = "invalid topic name: \(problem)"
            } else if partitions < 1 || partitions > configuration.maxPartitionsPerTopic {
                result.errorCode = KafkaErrorCode.invalidPartitions.rawValue
                result.errorMessage = "a topic has 1 to \(configuration.maxPartitionsPerTopic) partitions here, not \(partitions)"
            } else if (try? broker.topic(wanted.name)) != nil {
                result.errorCode = KafkaErrorCode.topicAlreadyExists.rawValue
                result.errorMessage = "topic '\(wanted.name)' already exists"
            } else if let type = wanted.configs.first(where: { $0.name == "message.timestamp.type" })?.value,
                      !["CreateTime", "LogAppendTime"].contains(type) {
                result.errorCode = KafkaErrorCode.invalidConfig.rawValue
                result.errorMessage = "message.timestamp.type is CreateTime or LogAppendTime, not \(type)"
            } else if !request.validateOnly {
                let appendTime = wanted.configs.contains { $0.name == "message.timestamp.type" && $0.value == "LogAppendTime" }
                do {
                    try broker.createTopic(wanted.name, partitions: partitions, stampsAppendTime: appendTime)
                } catch {
                    result.errorCode = KafkaErrorCode.topicAlreadyExists.rawValue
                    result.errorMessage = "\(error)"
                }
            }
            return result
        }
        return response
    }
}
