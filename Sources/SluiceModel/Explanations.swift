/// What a number on the screen means and how it is computed: the text the dashboard shows when the
/// learner presses `e` on it. Pure data, shared by every backend.
public struct Explanation: Sendable, Equatable {
    /// The key the dashboard looks up: `lag`, `committed_offset`, `mean_wait`...
    public var key: String
    /// A short name for the heading.
    public var title: String
    /// What it means, for a learner.
    public var meaning: String
    /// How it is computed, as a formula or a rule.
    public var computation: String

    public init(key: String, title: String, meaning: String, computation: String) {
        self.key = key; self.title = title; self.meaning = meaning; self.computation = computation
    }
}

/// The table of explanations, by key.
public enum Explanations {
    /// The explanation of `key` (case-insensitive, `-` and spaces read as `_`), or nil.
    public static func explain(_ key: String) -> Explanation? {
        let normalized = String(key.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
        return all.first { $0.key == normalized } ?? aliases[normalized].flatMap { alias in all.first { $0.key == alias } }
    }

    /// Other names panels and run summaries (`SummaryKey`'s) use for the same number.
    static let aliases = panelAliases.merging(SummaryKey.explanationAliases) { panel, _ in panel }

    private static let panelAliases: [String: String] = [
        "total_lag": "lag", "consumer_lag": "lag",
        "committed": "committed_offset", "log_end": "log_end_offset", "high_watermark": "log_end_offset",
        "log_start": "log_start_offset", "unacked": "in_flight",
        "depth": "queue_depth",
        "consumed_per_second": "throughput",
        "produced_per_second": "produced_rate", "dead_letters": "dead_lettered",
        "attempts": "attempts_per_message", "breaker": "breaker_state", "visibility_timeout": "ack_deadline",
        "prefetch": "max_in_flight", "max_ack_pending": "max_in_flight", "p99": "latency_percentiles",
        "p50": "latency_percentiles", "p90": "latency_percentiles", "duplicates": "duplicates_delivered",
    ]

    /// Every explanation, in the order help lists them.
    public static let all: [Explanation] = streams + queues + reliability + performance

    private static let streams: [Explanation] = [
        Explanation(key: "lag", title: "Lag",
                    meaning: "How many records of a partition the group has not committed yet: how far behind it is.",
                    computation: "lag = log end offset - committed offset, per partition; a group's lag is the sum over its partitions. It grows at (arrival rate - consumption rate)."),
        Explanation(key: "log_end_offset", title: "Log end offset",
                    meaning: "The offset the next record appended to the partition will get.",
                    computation: "Offsets start at 0 and grow by one per record, so log end = number of records ever appended to the partition."),
        Explanation(key: "log_start_offset", title: "Log start offset",
                    meaning: "The oldest offset still stored; older records were removed by retention.",
                    computation: "Moves forward when retention (max messages, bytes or age) deletes records; retained = log end - log start."),
        Explanation(key: "committed_offset", title: "Committed offset",
                    meaning: "Where the group resumes after a restart or rebalance: every record below it counts as done.",
                    computation: "The offset after the last record the owner committed. Commit after processing: a crash redelivers what is above it. Commit before: a crash loses what is below it but unprocessed."),
        Explanation(key: "position", title: "Position",
                    meaning: "The next offset the partition's owner will be handed.",
                    computation: "committed offset + records handed out and not yet committed; a seek (replay) sets both."),
        Explanation(key: "records_in_flight", title: "Records in flight (stream member)",
                    meaning: "Records a member has polled from its partitions and not finished: waiting in its poll buffer or being processed. Nothing is acked one by one: the member commits an offset once the records below it are done.",
                    computation: "in flight = polled and waiting + being processed; at most the poll buffer plus the member's concurrency (Kafka's max.poll.records and worker threads). A crash or rebalance hands the partition on from the committed offset, so these records are processed again."),
        Explanation(key: "partition", title: "Partition",
                    meaning: "An ordered log, one of a stream's shards; a group gives each partition to exactly one member.",
                    computation: "A keyed record goes to partition murmur2(key) mod partitions (as Kafka); an unkeyed one round-robin."),
        Explanation(key: "assignment", title: "Assignment",
                    meaning: "Which member of the group owns which partitions. Members beyond the partition count own none and sit idle.",
                    computation: "Range: contiguous blocks by member id; round-robin: partition p to member p mod members. Recomputed at every join, leave or crash (a rebalance)."),
        Explanation(key: "idle_members", title: "Idle members",
                    meaning: "Members of a group that own no partition and so do no work.",
                    computation: "members - partitions, when there are more members than partitions."),
    ]

    private static let queues: [Explanation] = [
        Explanation(key: "queue_depth", title: "Queue depth",
                    meaning: "Messages the queue holds: waiting, delayed (backing off) and in flight.",
                    computation: "depth = waiting + delayed + in flight."),
        Explanation(key: "waiting", title: "Waiting",
                    meaning: "Messages ready to be delivered now.",
                    computation: "Enqueued, not delayed, not delivered to any consumer."),
        Explanation(key: "delayed", title: "Delayed",
                    meaning: "Messages that failed and wait out their retry backoff before they are delivered again.",
                    computation: "Due at (time of the nack + backoff delay); the delay grows with each delivery."),
        Explanation(key: "in_flight", title: "In flight",
                    meaning: "Messages delivered to a consumer and not yet acknowledged.",
                    computation: "Delivered - acked - nacked - expired; each is redelivered if its ack deadline passes."),
        Explanation(key: "ack_deadline", title: "Ack deadline (visibility timeout)",
                    meaning: "How long a consumer may hold a message before the queue gives it to someone else.",
                    computation: "A delivery not acked within the deadline is redelivered and its delivery count goes up."),
        Explanation(key: "max_in_flight", title: "Max in flight (prefetch)",
                    meaning: "How many unacknowledged messages one consumer may hold at once.",
                    computation: "The queue stops delivering to a consumer whose in flight reached it (RabbitMQ prefetch, JetStream MaxAckPending)."),
        Explanation(key: "delivery_count", title: "Delivery count",
                    meaning: "How many times a message has been handed to a consumer.",
                    computation: "1 on the first delivery, +1 on each redelivery (nack, expired deadline, crash)."),
        Explanation(key: "redelivered", title: "Redelivered",
                    meaning: "Deliveries of a message that had been delivered before.",
                    computation: "Counted each time delivery count goes above 1."),
        Explanation(key: "dead_lettered", title: "Dead-lettered",
                    meaning: "Messages moved to the dead-letter queue after failing every allowed delivery.",
                    computation: "A message nacked on its max-deliveries-th delivery goes to the DLQ; with failure probability p and n deliveries, a share p^n does."),
        Explanation(key: "rejected", title: "Rejected",
                    meaning: "Messages a full queue refused (discard policy: reject newest).",
                    computation: "Offered while depth = capacity under overflow = reject."),
        Explanation(key: "dropped", title: "Dropped",
                    meaning: "Messages removed to make room (drop oldest) or by a stream's retention.",
                    computation: "Drop oldest: one waiting message per arrival into a full queue."),
        Explanation(key: "blocked", title: "Blocked",
                    meaning: "Messages a producer is holding because the queue is full (backpressure: block).",
                    computation: "The producer waits until depth < capacity; nothing is lost, the producer slows to the consumers' pace."),
    ]

    private static let reliability: [Explanation] = [
        Explanation(key: "attempts_per_message", title: "Attempts per message",
                    meaning: "Deliveries a message needed on average before it was acked or dead-lettered.",
                    computation: "sum of deliveries / settled messages; with failure p and at most n deliveries, theory gives (1 - p^n) / (1 - p), e.g. 1.2496 for p = 0.2, n = 5."),
        Explanation(key: "duplicates_delivered", title: "Duplicates delivered",
                    meaning: "Deliveries of a record or message whose side effect had already run.",
                    computation: "Counted when the consumer receives something it already applied: after a crash or rebalance, the records processed since the last commit."),
        Explanation(key: "duplicate_effects", title: "Duplicate effects",
                    meaning: "Side effects that ran twice (a customer charged twice).",
                    computation: "Duplicates delivered that the consumer applied again; an idempotent consumer (dedupe store) keeps this at 0."),
        Explanation(key: "lost", title: "Lost",
                    meaning: "Records the group committed past but never processed.",
                    computation: "Offsets below the committed offset that no consumer processed; 0 whenever commits follow processing."),
        Explanation(key: "order_violations", title: "Order violations",
                    meaning: "Times a newer message of a key took effect before an older one of the same key.",
                    computation: "For each key, the effect of sequence s after the effect of a later sequence counts one."),
        Explanation(key: "breaker_state", title: "Circuit breaker state",
                    meaning: "Closed: calls pass. Open: calls fail fast without reaching the downstream. Half-open: a few trial calls decide.",
                    computation: "Opens when the failure rate over its window reaches the threshold (with enough calls); after the open period it lets trial calls through; all succeeding closes it, one failing reopens it."),
        Explanation(key: "failure_rate", title: "Failure rate",
                    meaning: "The share of recent calls to a downstream that failed.",
                    computation: "failed calls / calls within the breaker's window."),
        Explanation(key: "backoff", title: "Retry backoff",
                    meaning: "How long a failed message waits before it is tried again.",
                    computation: "Exponential: initial x multiplier^(attempt - 1), capped at max. Full jitter draws uniformly in [0, that]; equal jitter in [half, that]."),
    ]

    private static let performance: [Explanation] = [
        Explanation(key: "throughput", title: "Throughput",
                    meaning: "Messages or records processed per second.",
                    computation: "Processed in the window / window length; at most the number of busy consumers x their service rate."),
        Explanation(key: "produced_rate", title: "Produced per second",
                    meaning: "Messages producers got accepted per second.",
                    computation: "Appended (streams) or enqueued (queues) in the last second."),
        Explanation(key: "utilization", title: "Utilization (rho)",
                    meaning: "The share of time consumers are busy.",
                    computation: "rho = arrival rate / (consumers x service rate) = busy time / available time."),
        Explanation(key: "mean_wait", title: "Mean wait (Wq)",
                    meaning: "How long a message waits before a consumer starts on it.",
                    computation: "mean of (start of first delivery - enqueue time). M/M/1 theory: rho / (mu - lambda); M/M/c: Erlang C(c, a) / (c mu - lambda)."),
        Explanation(key: "mean_sojourn", title: "Mean time in system (W)",
                    meaning: "How long a message takes from enqueue to ack.",
                    computation: "W = Wq + service time; M/M/1 theory: 1 / (mu - lambda)."),
        Explanation(key: "queue_length", title: "Mean queue length (Lq)",
                    meaning: "How many messages wait on average, not counting those in service.",
                    computation: "Time-average of waiting; M/M/1 theory: rho^2 / (1 - rho); Little's law: Lq = lambda Wq."),
        Explanation(key: "in_system", title: "Mean number in system (L)",
                    meaning: "How many messages are in the queue or in service on average.",
                    computation: "Time-average of depth; M/M/1 theory: rho / (1 - rho), so 1 at 0.5, 9 at 0.9, 99 at 0.99. Little's law: L = lambda W."),
        Explanation(key: "latency_percentiles", title: "Latency percentiles",
                    meaning: "p50, p90, p99: half, 90% and 99% of messages took at most this long from enqueue to ack.",
                    computation: "Read from a histogram of every ack's enqueue-to-ack time."),
        Explanation(key: "drain_time", title: "Drain time",
                    meaning: "How long a backlog takes to clear once capacity exceeds the arrival rate.",
                    computation: "backlog / (consumption rate - arrival rate), e.g. 1,200 / (200 - 120) = 15 s."),
    ]
}
