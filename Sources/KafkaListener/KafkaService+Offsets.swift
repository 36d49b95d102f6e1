import Broker
import KafkaProtocol

extension KafkaService {
    func offsetCommit(_ body: OffsetCommitRequest) -> OffsetCommitResponse {
        var response = OffsetCommitResponse()
        let offsets = body.topics.flatMap { topic in
            topic.partitions.map {
                ClientGroupOffset(topic: topic.name, partition: $0.partitionIndex, offset: $0.committedOffset,
                                  leaderEpoch: $0.committedLeaderEpoch, metadata: $0.committedMetadata)
            }
        }
        var code = KafkaErrorCode.none
        if body.groupId.isEmpty {
            code = .invalidGroupId
        } else {
            do throws(ClientGroupError) {
                try groups.group(body.groupId).commit(memberId: body.memberId, generation: body.generationIdOrMemberEpoch,
                                                      offsets: offsets)
            } catch { code = Self.errorCode(for: error) }
        }
        response.topics = body.topics.map { topic in
            var result = OffsetCommitResponse.OffsetCommitResponseTopic()
            result.name = topic.name
            result.partitions = topic.partitions.map {
                var partition = OffsetCommitResponse.OffsetCommitResponsePartition()
                partition.partitionIndex = $0.partitionIndex
                partition.errorCode = code.rawValue
                return partition
            }
            return result
        }
        return response
    }

    /// Committed offsets of one group (v0-7), -1 for a partition with none; null topics (v2+) asks for all.
    func offsetFetch(_ body: OffsetFetchRequest, version: Int16) -> OffsetFetchResponse {
        var response = OffsetFetchResponse()
        let group = groups.existing(body.groupId)
        let committed: [ClientGroupOffset]
        if let topics = body.topics {
            let keys = topics.flatMap { topic in topic.partitionIndexes.map { ClientGroupOffset.Key(topic: topic.name, partition: $0) } }
            let found = Dictionary((group?.committedOffsets(keys) ?? []).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            committed = keys.map { found[$0] ?? ClientGroupOffset(topic: $0.topic, partition: $0.partition, offset: -1) }
        } else {
            committed = group?.committedOffsets() ?? []
        }
        var topicOrder: [String] = []
        var byTopic: [String: [OffsetFetchResponse.OffsetFetchResponsePartition]] = [:]
        for offset in committed {
            if byTopic[offset.key.topic] == nil { topicOrder.append(offset.key.topic) }
            var partition = OffsetFetchResponse.OffsetFetchResponsePartition()
            partition.partitionIndex = offset.key.partition
            partition.committedOffset = offset.offset
            partition.committedLeaderEpoch = offset.leaderEpoch
            // Before v5 there is no leader epoch, and the codec refuses to drop one silently.
            if version < 5 { partition.committedLeaderEpoch = -1 }
            partition.metadata = offset.metadata ?? ""
            byTopic[offset.key.topic, default: []].append(partition)
        }
        response.topics = topicOrder.map { name in
            var topic = OffsetFetchResponse.OffsetFetchResponseTopic()
            topic.name = name
            topic.partitions = byTopic[name] ?? []
            return topic
        }
        return response
    }
}
