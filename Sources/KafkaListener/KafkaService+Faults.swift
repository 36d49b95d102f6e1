import Broker
import KafkaProtocol

/// The answers a switched-on fault gives instead of the real ones.
extension KafkaService {
    /// Every partition of the produce refused with a retriable error; nothing is stored.
    static func refusedProduce(_ request: ProduceRequest, code: KafkaErrorCode) -> ProduceResponse {
        var response = ProduceResponse()
        response.responses = request.topicData.map { topicData in
            var topic = ProduceResponse.TopicProduceResponse()
            topic.name = topicData.name
            topic.partitionResponses = topicData.partitionData.map { data in
                var partition = ProduceResponse.PartitionProduceResponse()
                partition.index = data.index
                partition.errorCode = code.rawValue
                partition.errorMessage = "injected from the Sluice dashboard"
                return partition
            }
            return topic
        }
        return response
    }

    /// Every partition of the fetch refused with a retriable error, without records.
    static func refusedFetch(_ request: FetchRequest, code: KafkaErrorCode) -> FetchResponse {
        var response = FetchResponse()
        response.responses = request.topics.map { topicRequest in
            var topic = FetchResponse.FetchableTopicResponse()
            topic.topic = topicRequest.topic
            topic.partitions = topicRequest.partitions.map { partitionRequest in
                var data = FetchResponse.PartitionData()
                data.partitionIndex = partitionRequest.partition
                data.errorCode = code.rawValue
                data.abortedTransactions = []
                data.records = []
                return data
            }
            return topic
        }
        return response
    }

    /// A heartbeat of a group whose heartbeats are ignored is held unanswered and does not keep the session
    /// alive; it is answered (UNKNOWN_MEMBER_ID) once the session has run out and the member is gone.
    func heartbeatOutcome(_ body: HeartbeatRequest, request: KafkaRequest) throws(KafkaEncodingError) -> Outcome {
        guard faults.ignoresHeartbeat(of: body.groupId), let group = groups.existing(body.groupId) else {
            return try respond(heartbeat(body), to: request)
        }
        let answer = { (final: Bool) -> Outcome? in
            let gone = !group.describe().members.contains { $0.memberId == body.memberId }
            guard gone || final || !self.faults.silencedGroups.contains(body.groupId) else { return nil }
            return self.encoded(self.heartbeat(body), to: request)
        }
        return .wait(PendingResponse(maxWaitMilliseconds: Self.longestHeldHeartbeatMilliseconds, attempt: answer))
    }

    /// Past Kafka's longest session timeout a held heartbeat is answered anyway, so that a wait always ends.
    static let longestHeldHeartbeatMilliseconds: Int64 = 30 * 60 * 1000
}
