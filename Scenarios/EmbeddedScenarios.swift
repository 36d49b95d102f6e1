// The built-in scenarios and lessons, carried inside the binary by SwiftPM (`.embedInCode` in
// Package.swift) so `sluice run demo` works from any folder. The files here are the only copy; list a
// new file below (BuiltinScenarioTests and LessonCatalogueTests fail until it is listed).
// SwiftPM names each file's bytes after its file name alone, so a lesson and a scenario cannot share one.

/// The TOML files of this folder, as compiled in.
public enum EmbeddedScenarios {
    /// Scenarios in listing order: the demo first.
    public static let scenarios: [(name: String, bytes: [UInt8])] = [
        ("demo", PackageResources.demo_toml),
        ("mm1", PackageResources.mm1_toml),
        ("mmc", PackageResources.mmc_toml),
        ("retries", PackageResources.retries_toml),
        ("poison-pill", PackageResources.poison_pill_toml),
        ("at-least-once", PackageResources.at_least_once_toml),
        ("at-most-once", PackageResources.at_most_once_toml),
        ("circuit-breaker", PackageResources.circuit_breaker_toml),
        ("backpressure", PackageResources.backpressure_toml),
        ("hot-partition", PackageResources.hot_partition_toml),
        ("outbox", PackageResources.outbox_toml),
        ("saga", PackageResources.saga_toml),
        ("cdc", PackageResources.cdc_toml),
        ("event-sourcing", PackageResources.event_sourcing_toml),
    ]

    /// Lessons (`lessons/`), in file-name order; `[lesson] order` gives the teaching order.
    public static let lessons: [(name: String, bytes: [UInt8])] = [
        ("bounded-queues", PackageResources.bounded_queues_toml),
        ("change-data-capture", PackageResources.change_data_capture_toml),
        ("circuit-breaker-outage", PackageResources.circuit_breaker_outage_toml),
        ("commit-and-crash", PackageResources.commit_and_crash_toml),
        ("event-sourcing-replay", PackageResources.event_sourcing_replay_toml),
        ("idempotent-consumer", PackageResources.idempotent_consumer_toml),
        ("idle-consumers", PackageResources.idle_consumers_toml),
        ("lag-and-catch-up", PackageResources.lag_and_catch_up_toml),
        ("load-knee", PackageResources.load_knee_toml),
        ("outbox-vs-dual-write", PackageResources.outbox_vs_dual_write_toml),
        ("per-key-order", PackageResources.per_key_order_toml),
        ("platforms", PackageResources.platforms_toml),
        ("poison-message", PackageResources.poison_message_toml),
        ("queue-vs-stream", PackageResources.queue_vs_stream_toml),
        ("retries-and-dlq", PackageResources.retries_and_dlq_toml),
        ("retry-storm", PackageResources.retry_storm_toml),
        ("saga-compensation", PackageResources.saga_compensation_toml),
        ("thundering-herd", PackageResources.thundering_herd_toml),
    ]
}
