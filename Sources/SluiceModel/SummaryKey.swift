/// One number (or fact) of a simulated run's summary, `sluice run --format json`: the only list of them.
/// Expectations (`[expect]`), lesson triggers, the summary table and the explanations behind `e` all read
/// this catalogue, so a key cannot be checkable in one place and unknown in another.
public struct SummaryKey: Sendable, Hashable {
    /// Where the key stands: at the top, or in each named entry of a section (`queues.NAME.KEY`).
    public enum Section: String, Sendable, CaseIterable {
        case totals, queues, groups, patterns, downstreams, connectors
        case readModels = "read_models"
    }

    /// Which promise the key belongs to.
    public enum Kind: Sendable {
        /// The contract scripts rely on: never renamed or removed.
        case contract
        /// Beyond the contract, in every run.
        case extra
        /// Added for lessons' checks.
        case lesson
        /// Identifies the run; written, never compared.
        case identity
    }

    public let section: Section
    public let name: String
    public let kind: Kind
    /// The entry of `Explanations` that explains it, when named otherwise.
    public let explanation: String?
    /// A short name a lesson trigger may use instead (`lag`).
    public let shortName: String?

    init(_ section: Section, _ name: String, _ kind: Kind, explanation: String? = nil, shortName: String? = nil) {
        self.section = section; self.name = name; self.kind = kind; self.explanation = explanation; self.shortName = shortName
    }

    /// Every key, each section in output order.
    public static let all: [SummaryKey] = totals + queues + groups + patterns + downstreams + connectors + readModels

    /// The names of a section's keys of the given kinds, in output order.
    public static func names(_ section: Section, _ kinds: Kind...) -> [String] {
        all.filter { $0.section == section && kinds.contains($0.kind) }.map(\.name)
    }

    /// The key of `section` called `name`.
    public static func named(_ name: String, in section: Section) -> SummaryKey? {
        all.first { $0.section == section && $0.name == name }
    }

    /// Short names, to the top-level key each stands for.
    public static var shortNames: [String: String] {
        Dictionary(all.compactMap { key in key.shortName.map { ($0, key.name) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Summary names (and short names) to the explanation each number has under another name.
    public static var explanationAliases: [String: String] {
        var aliases: [String: String] = [:]
        for key in all {
            if let explanation = key.explanation { aliases[key.name] = aliases[key.name] ?? explanation }
            if let shortName = key.shortName { aliases[shortName] = aliases[shortName] ?? key.explanation ?? key.name }
        }
        return aliases
    }

    private static let totals: [SummaryKey] = [
        .init(.totals, "seed", .contract), .init(.totals, "sim_time_s", .contract, shortName: "time"),
        .init(.totals, "events", .contract), .init(.totals, "offered", .contract), .init(.totals, "produced", .contract),
        .init(.totals, "delivered", .contract), .init(.totals, "acked", .contract), .init(.totals, "redelivered", .contract),
        .init(.totals, "dead_lettered", .contract, shortName: "dlq"), .init(.totals, "rejected", .contract),
        .init(.totals, "dropped", .contract), .init(.totals, "in_flight", .contract), .init(.totals, "waiting", .contract),
        .init(.totals, "lost", .contract), .init(.totals, "duplicates_delivered", .contract),
        .init(.totals, "duplicate_effects", .contract), .init(.totals, "order_violations", .contract),
        .init(.totals, "max_lag", .contract, explanation: "lag"), .init(.totals, "final_lag", .contract, explanation: "lag", shortName: "lag"),
        .init(.totals, "blocked", .extra), .init(.totals, "attempts_per_message", .extra), .init(.totals, "breaker_rejected", .extra),
        .init(.totals, "invariant_violation", .extra), .init(.totals, "trace_digest", .identity),
        .init(.totals, "idle_members", .lesson),
    ]

    private static let queues: [SummaryKey] = [
        .init(.queues, "mean_wait_s", .contract, explanation: "mean_wait"),
        .init(.queues, "mean_sojourn_s", .contract, explanation: "mean_sojourn"),
        .init(.queues, "mean_queue_length", .contract, explanation: "queue_length"),
        .init(.queues, "mean_in_system", .contract, explanation: "in_system"), .init(.queues, "utilization", .contract),
        .init(.queues, "throughput_per_s", .contract, explanation: "throughput"), .init(.queues, "offered", .contract),
        .init(.queues, "rejected", .contract), .init(.queues, "dead_lettered", .contract),
        .init(.queues, "acked", .extra), .init(.queues, "delivered", .extra), .init(.queues, "redelivered", .extra),
        .init(.queues, "dropped", .extra), .init(.queues, "attempts_per_message", .extra), .init(.queues, "dead_letter_share", .extra),
        .init(.queues, "littles_law_l", .extra), .init(.queues, "littles_law_lambda_w", .extra),
        .init(.queues, "order_violations", .lesson), .init(.queues, "final_depth", .lesson),
        .init(.queues, "peak_redelivered_per_s", .lesson),
    ]

    /// The last six of the extra keys state where each record the group is to read stands: `produced`
    /// is the sum of the other five.
    private static let groups: [SummaryKey] = [
        .init(.groups, "max_lag", .contract, explanation: "lag"), .init(.groups, "final_lag", .contract, explanation: "lag"),
        .init(.groups, "throughput_per_s", .contract, explanation: "throughput"),
        .init(.groups, "processed", .extra), .init(.groups, "committed", .extra), .init(.groups, "duplicates_delivered", .extra),
        .init(.groups, "duplicate_effects", .extra), .init(.groups, "lost", .extra), .init(.groups, "produced", .extra),
        .init(.groups, "acked", .extra), .init(.groups, "dead_lettered", .extra), .init(.groups, "in_flight", .extra),
        .init(.groups, "waiting", .extra), .init(.groups, "dropped", .extra),
        .init(.groups, "mean_wait_s", .lesson, explanation: "mean_wait"), .init(.groups, "idle_members", .lesson),
        .init(.groups, "order_violations", .lesson), .init(.groups, "peak_lag_time_s", .lesson), .init(.groups, "drain_time_s", .lesson),
        .init(.groups, "stalled_partitions", .lesson), .init(.groups, "uncommitted_at_crash", .lesson),
        .init(.groups, "unprocessed_at_crash", .lesson),
    ]

    /// Each kind of pattern has some of them.
    private static let patterns: [SummaryKey] = [
        "kind", "operations", "events_stored", "deduplicated", "state_changes", "crashes", "outbox_pending", "missing_events",
        "committed", "compensated", "in_progress", "source_rows", "replica_rows", "replica_matches", "accounts",
        "projection_matches", "replay_matches", "committed_share",
    ].map { SummaryKey(.patterns, $0, .contract) }

    private static let downstreams: [SummaryKey] = [
        "calls", "failed_calls", "peak_calls_per_s", "peak_second", "breaker_opened", "breaker_half_opened",
        "breaker_closed", "calls_while_open", "breaker_rejected", "breaker_is_closed",
    ].map { SummaryKey(.downstreams, $0, .lesson) }

    /// Per CDC pattern.
    private static let connectors: [SummaryKey] = ["resent", "tombstones"].map { SummaryKey(.connectors, $0, .lesson) }

    /// Per event-sourcing pattern, once a lesson deployed its read model.
    private static let readModels: [SummaryKey] = [
        "version", "matches_truth", "wrong_accounts", "wrong_before_redeploy", "applied",
    ].map { SummaryKey(.readModels, $0, .lesson) }
}
