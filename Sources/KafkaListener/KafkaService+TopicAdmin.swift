import Broker
import KafkaProtocol

extension KafkaService {
    /// Deletes topics by name (v6 may name them by id instead, which this broker does not keep).
    func deleteTopics(_ request: DeleteTopicsRequest, version: Int16) -> DeleteTopicsResponse {
        var response = DeleteTopicsResponse()
        let names: [String?] = version >= 6 ? request.topics.map(\.name) : request.topicNames.map { $0 }
        response.responses = names.map { name in
            var result = DeleteTopicsResponse.DeletableTopicResult()
            result.name = name
            guard let name else {
                result.errorCode = KafkaErrorCode.unknownTopicId.rawValue
                result.errorMessage = "topics are deleted by name here: the broker keeps no topic ids"
                return result
            }
            do throws(BrokerError) { try broker.deleteTopic(name) } catch {
                if case .unknownTopic = error {
                    result.errorCode = KafkaErrorCode.unknownTopicOrPartition.rawValue
                } else {
                    result.errorCode = KafkaErrorCode.invalidRequest.rawValue
                }
                result.errorMessage = "\(error)"
            }
            if version < 5 { result.errorMessage = nil }
            return result
        }
        return response
    }

    /// Grows topics to the partition counts asked for.
    func createPartitions(_ request: CreatePartitionsRequest) -> CreatePartitionsResponse {
        var response = CreatePartitionsResponse()
        response.results = request.topics.map { wanted in
            var result = CreatePartitionsResponse.CreatePartitionsTopicResult()
            result.name = wanted.name
            let count = Int(wanted.count)
            guard count <= configuration.maxPartitionsPerTopic else {
                result.errorCode = KafkaErrorCode.invalidPartitions.rawValue
                result.errorMessage = "a topic has 1 to \(configuration.maxPartitionsPerTopic) partitions here, not \(count)"
                return result
            }
            do throws(BrokerError) {
                let topic = try broker.topic(wanted.name)
                guard count > topic.partitionCount else {
                    result.errorCode = KafkaErrorCode.invalidPartitions.rawValue
                    result.errorMessage = "topic '\(wanted.name)' has \(topic.partitionCount) partitions: it can only grow"
                    return result
                }
                if !request.validateOnly { try broker.addPartitions(to: wanted.name, count: count) }
            } catch {
                if case .unknownTopic = error {
                    result.errorCode = KafkaErrorCode.unknownTopicOrPartition.rawValue
                } else {
                    result.errorCode = KafkaErrorCode.invalidRequest.rawValue
                }
                result.errorMessage = "\(error)"
            }
            return result
        }
        return response
    }
}
