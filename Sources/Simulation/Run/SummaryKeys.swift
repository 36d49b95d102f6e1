/// The keys of a run summary: a contract that scripts, `[expect]` sections and other tools rely on.
public enum SummaryKeys {
    /// Top-level totals, in output order.
    public static let totals = [
        "seed", "sim_time_s", "events", "offered", "produced", "delivered", "acked", "redelivered", "dead_lettered",
        "rejected", "dropped", "in_flight", "waiting", "lost", "duplicates_delivered", "duplicate_effects",
        "order_violations", "max_lag", "final_lag",
    ]
    /// Extra totals beyond the contract.
    public static let extraTotals = ["blocked", "attempts_per_message", "breaker_rejected", "invariant_violation"]
    /// Keys of each entry of `queues`, in output order.
    public static let queue = [
        "mean_wait_s", "mean_sojourn_s", "mean_queue_length", "mean_in_system", "utilization", "throughput_per_s",
        "offered", "rejected", "dead_lettered",
    ]
    public static let extraQueue = ["acked", "delivered", "redelivered", "dropped", "attempts_per_message",
                                    "dead_letter_share", "littles_law_l", "littles_law_lambda_w"]
    /// Keys of each entry of `groups`, in output order.
    public static let group = ["max_lag", "final_lag", "throughput_per_s"]
    /// The last six state where each record the group is to read stands: `produced` is the sum of the other five.
    public static let extraGroup = ["processed", "committed", "duplicates_delivered", "duplicate_effects", "lost",
                                    "produced", "acked", "dead_lettered", "in_flight", "waiting", "dropped"]
    /// Keys of each entry of `patterns` (each kind has some of them).
    public static let pattern = [
        "kind", "operations", "events_stored", "deduplicated", "state_changes", "crashes", "outbox_pending", "missing_events",
        "committed", "compensated", "in_progress", "source_rows", "replica_rows", "replica_matches", "accounts",
        "projection_matches", "replay_matches", "committed_share",
    ]
}
