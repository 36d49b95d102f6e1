#if Kafka
import CRdKafka
import SluiceModel
import AttachSupport

/// Reads one poll's worth of a cluster through librdkafka: Metadata (topics, partitions, leaders,
/// replicas), ListOffsets (watermarks), and the group admin calls (ListGroups, DescribeGroups, OffsetFetch).
/// Each call waits at most the client's request timeout.
enum ClusterReader {
    static func poll(_ client: KafkaClient, namedGroups: [String], at now: Nanos) throws(AttachError) -> ClusterPoll {
        let (brokers, layout) = try metadata(client)
        let topics = try watermarks(client, layout)
        var listing: String?
        var names = namedGroups
        do {
            for name in try GroupAdmin.list(client) where !names.contains(name) { names.append(name) }
        } catch {
            listing = "the cluster does not list groups (\(error.message)); only groups named with --group show"
        }
        let places = topics.flatMap { topic in topic.partitions.map { TopicPartition(topic.name, $0.partition) } }
        // librdkafka 2.0.2 wedges (later requests time out, destroy hangs) after a DescribeGroups the cluster
        // does not support; a cluster that cannot list groups cannot describe them either, so it is not asked.
        let groups = GroupAdmin.describe(client, names.sorted(), allPartitions: places, askDescriptions: listing == nil)
        return ClusterPoll(at: now, brokers: brokers, topics: topics, groups: groups, groupListing: listing)
    }

    /// Broker ids and, per topic, its partitions with leader and replicas. Internal topics (`__consumer_offsets`) are left out.
    static func metadata(_ client: KafkaClient) throws(AttachError) -> ([Int], [TopicFacts]) {
        var maybeMetadata: UnsafePointer<rd_kafka_metadata>?
        let code = rd_kafka_metadata(client.handle, 1, nil, &maybeMetadata, client.timeoutMillis)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata = maybeMetadata else {
            throw AttachError("no metadata within \(client.timeoutMillis) ms: \(KafkaClient.describe(code))")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        let info = metadata.pointee
        let brokers = (0..<Int(info.broker_cnt)).map { Int(info.brokers[$0].id) }.sorted()
        var topics: [TopicFacts] = []
        for index in 0..<Int(info.topic_cnt) {
            let topic = info.topics[index]
            let name = String(cString: topic.topic)
            guard !name.hasPrefix("__"), topic.err == RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
            let partitions = (0..<Int(topic.partition_cnt)).map { slot in
                let partition = topic.partitions[slot]
                return PartitionFacts(
                    partition: Int(partition.id), leader: Int(partition.leader),
                    replicas: (0..<Int(partition.replica_cnt)).map { Int(partition.replicas[$0]) },
                    inSyncReplicas: (0..<Int(partition.isr_cnt)).map { Int(partition.isrs[$0]) })
            }.sorted { $0.partition < $1.partition }
            topics.append(TopicFacts(name: name, partitions: partitions))
        }
        return (brokers, topics.sorted { $0.name < $1.name })
    }

    /// Fills in log start and log end offsets: two batched ListOffsets (earliest, latest) for every partition.
    static func watermarks(_ client: KafkaClient, _ topics: [TopicFacts]) throws(AttachError) -> [TopicFacts] {
        let places = topics.flatMap { topic in topic.partitions.map { TopicPartition(topic.name, $0.partition) } }
        guard !places.isEmpty else { return topics }
        let low = try offsets(client, places, at: Int64(RD_KAFKA_OFFSET_BEGINNING))
        let high = try offsets(client, places, at: Int64(RD_KAFKA_OFFSET_END))
        return topics.map { topic in
            var topic = topic
            for index in topic.partitions.indices {
                let place = TopicPartition(topic.name, topic.partitions[index].partition)
                switch (low[place], high[place]) {
                case let (.success(start)?, .success(end)?):
                    topic.partitions[index].lowWatermark = start
                    topic.partitions[index].highWatermark = end
                case let (.failure(problem)?, _), let (_, .failure(problem)?):
                    topic.partitions[index].error = problem.message
                default:
                    topic.partitions[index].error = "no answer"
                }
            }
            return topic
        }
    }

    /// The offset of each partition at `timestamp` (milliseconds since the epoch, or -2 earliest / -1 latest).
    static func offsets(_ client: KafkaClient, _ places: [TopicPartition],
                        at timestamp: Int64) throws(AttachError) -> [TopicPartition: Result<Int64, AttachError>] {
        let list = PartitionList(places.map { ($0, timestamp) })
        let code = rd_kafka_offsets_for_times(client.handle, list.pointer, client.timeoutMillis)
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw AttachError("no offsets within \(client.timeoutMillis) ms: \(KafkaClient.describe(code))")
        }
        var answers: [TopicPartition: Result<Int64, AttachError>] = [:]
        for entry in list.pointer.pointee.entries {
            answers[entry.place] = entry.error == RD_KAFKA_RESP_ERR_NO_ERROR
                ? .success(entry.offset) : .failure(AttachError(KafkaClient.describe(entry.error)))
        }
        return answers
    }
}
#endif
