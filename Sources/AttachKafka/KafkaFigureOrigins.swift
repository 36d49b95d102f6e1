public import SluiceModel

/// What `e` says each number on a Kafka attach is made of: the cluster's own figures (watermarks from
/// ListOffsets, committed offsets from OffsetFetch, members from DescribeGroups, leaders from Metadata)
/// and the arithmetic `ClusterHistory` does on them. Figures Kafka does not keep say so.
public enum KafkaFigureOrigins {
    /// Said of every figure a consumer keeps to itself.
    static let insideTheClient = "not reported by Kafka: a consumer keeps what it fetched and has not committed "
        + "inside its own client, so the cluster cannot say; Sluice shows 0"
    static let noDeliveryCount = "not recorded by Kafka: a record is not acked or redelivered one by one, a "
        + "consumer's retries happen inside the client; retry topics (NAME-retry-N) show as topics of their own"

    public static func make(pollInterval: Nanos) -> FigureOrigins {
        let polls = "the last two polls (\(DurationText.format(pollInterval)) apart)"
        return FigureOrigins(reporter: "the Kafka cluster", rateWindow: "between " + polls, byKey: [
            "partition": "the topic's partitions, each with its leader, replicas and in-sync replicas, as Metadata "
                + "(rd_kafka_metadata) reports them each poll",
            "log_end_offset": "the partition's high watermark, asked with ListOffsets (rd_kafka_query_watermark_offsets) each poll",
            "log_start_offset": "the partition's low watermark from the same ListOffsets; retention or DeleteRecords "
                + "moves it, and retained = high watermark - low watermark",
            "produced_rate": "(high watermark now - high watermark at the poll before) / the seconds between "
                + polls + "; a topic's is the sum over its partitions, 0 when the watermark went back",
            "committed_offset": "the group's committed offset for the partition, from OffsetFetch (rd_kafka_committed); "
                + "a partition with no commit yet counts from the low watermark, where auto.offset.reset=earliest starts",
            "lag": "high watermark (ListOffsets) - committed offset (OffsetFetch), per partition, summed over the "
                + "partitions of every topic the group reads; lag over time is one sample a poll",
            "position": "not reported by Kafka: a consumer's fetch position lives in its client, so Sluice shows the "
                + "committed offset (OffsetFetch) as the position",
            "throughput": "(committed offset now - committed offset at the poll before, both from OffsetFetch) / the seconds between " + polls
                + ", summed over the group's partitions: commits, not deliveries; Kafka reports no failures, so failing is 0%",
            "assignment": "the members DescribeGroups lists, each with its client id, host and the partitions of its "
                + "assignment (the consumer protocol's bytes); the group's state and assignor come from the same answer",
            "idle_members": "members DescribeGroups lists with no partition in their assignment",
            "records_in_flight": insideTheClient,
            "in_flight": insideTheClient,
            "max_in_flight": "not a Kafka figure: a consumer's max.poll.records is a client setting the cluster never sees",
            "drain_time": "lag / (commit rate - produce rate): the growth of committed offsets (OffsetFetch) and of high "
                + "watermarks (ListOffsets) between " + polls,
            "dead_lettered": "a topic named as a dead-letter topic (NAME.dlq, NAME-dlt, NAME.DLT or --dlq-pattern) paired "
                + "with NAME: its letters = the sum of its high watermarks, held = high - low watermark, summed",
            "queue_depth": "a dead-letter topic's held records: high watermark - low watermark (ListOffsets), summed over "
                + "its partitions; a Kafka topic has nothing waiting, delayed or in flight apart from that",
            "delivery_count": noDeliveryCount,
            "redelivered": noDeliveryCount,
            "attempts_per_message": noDeliveryCount,
            "backoff": noDeliveryCount,
            "ack_deadline": "not a Kafka figure: records are committed by offset, never acked one by one",
        ])
    }
}
