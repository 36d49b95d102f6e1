import Broker
import KafkaProtocol
import SluiceModel

extension KafkaService {
    /// ListOffsets' special timestamps (KIP-734 and KIP-1005 add the last three).
    private enum OffsetQuery {
        static let latest: Int64 = -1, earliest: Int64 = -2, maxTimestamp: Int64 = -3
        static let earliestLocal: Int64 = -4, latestTiered: Int64 = -5
    }

    func listOffsets(_ request: ListOffsetsRequest, version: Int16) -> ListOffsetsResponse {
        var response = ListOffsetsResponse()
        response.topics = request.topics.map { topicRequest in
            var topicResponse = ListOffsetsResponse.ListOffsetsTopicResponse()
            topicResponse.name = topicRequest.name
            let topic = try? broker.topic(topicRequest.name)
            topicResponse.partitions = topicRequest.partitions.map { partitionRequest in
                var result = ListOffsetsResponse.ListOffsetsPartitionResponse()
                result.partitionIndex = partitionRequest.partitionIndex
                guard let topic, let found = try? offset(in: topic, partition: Int(partitionRequest.partitionIndex),
                                                           for: partitionRequest.timestamp) else {
                    result.errorCode = KafkaErrorCode.unknownTopicOrPartition.rawValue
                    return result
                }
                result.offset = found.offset
                result.timestamp = found.timestamp
                // Versions before 4 have no leader epoch, and the codec refuses to drop one silently.
                if version >= 4 { result.leaderEpoch = 0 }
                return result
            }
            return topicResponse
        }
        return response
    }

    /// The offset and timestamp a ListOffsets query names; (-1, -1) when no record is at or after a time.
    private func offset(in topic: Topic, partition: Int, for query: Int64) throws(BrokerError) -> (offset: Int64, timestamp: Int64) {
        switch query {
        case OffsetQuery.latest, OffsetQuery.latestTiered:
            return (try topic.offset(of: .latest, partition: partition), -1)
        case OffsetQuery.earliest, OffsetQuery.earliestLocal:
            return (try topic.offset(of: .earliest, partition: partition), -1)
        case OffsetQuery.maxTimestamp:
            let end = try topic.offset(of: .latest, partition: partition)
            guard end > (try topic.offset(of: .earliest, partition: partition)) else { return (-1, -1) }
            let last = try topic.read(partition: partition, from: end - 1, max: 1)
            return (end - 1, last.first.map { KafkaTimestamp.milliseconds($0.timestamp) } ?? -1)
        default:
            // A time too far out for nanoseconds has no record at or after it.
            guard query >= 0, let time = KafkaTimestamp.nanos(query) else { return (-1, -1) }
            let found = try topic.offset(of: .time(time), partition: partition)
            let record = try topic.read(partition: partition, from: found, max: 1).first
            guard let record else { return (-1, -1) }
            return (record.offset, KafkaTimestamp.milliseconds(record.timestamp))
        }
    }
}
