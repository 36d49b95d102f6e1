/// Summary keys lessons added to the contract (the contract's own keys never change): their names,
/// and the check that an `[expect]` line or a trigger names one that exists.
public enum LessonSummaryKeys {
    public static let totals = ["idle_members"]
    /// Beside `SummaryKeys.group` in each entry of `groups`.
    public static let group = [
        "mean_wait_s", "idle_members", "order_violations", "peak_lag_time_s", "drain_time_s", "stalled_partitions",
        "uncommitted_at_crash", "unprocessed_at_crash",
    ]
    /// Beside `SummaryKeys.queue` in each entry of `queues`.
    public static let queue = ["order_violations", "final_depth", "peak_redelivered_per_s"]
    /// Each entry of `downstreams`, keyed by downstream name.
    public static let downstream = [
        "calls", "failed_calls", "peak_calls_per_s", "peak_second", "breaker_opened", "breaker_half_opened",
        "breaker_closed", "calls_while_open", "breaker_rejected", "breaker_is_closed",
    ]

    /// Each entry of `connectors`, keyed by CDC pattern name.
    public static let connector = ["resent", "tombstones"]
    /// Each entry of `read_models`, keyed by event-sourcing pattern name (once a lesson deployed one).
    public static let readModel = ["version", "matches_truth", "wrong_accounts", "wrong_before_redeploy", "applied"]

    /// Whether `dotted` is one of these keys for this scenario's queues, groups, downstreams and patterns.
    static func isKnown(_ dotted: String, in scenario: Scenario) -> Bool {
        if totals.contains(dotted) { return true }
        let patterns = { (kind: PatternKind) in scenario.patterns.filter { $0.kind == kind }.map(\.name) }
        let queues = scenario.queues.map(\.name) + scenario.queues.compactMap(\.deadLetter)
        let groups = scenario.consumers.compactMap { consumer in consumer.group.map { "\(consumer.source)/\($0)" } }
        return matches(dotted, section: "queues", names: queues, keys: queue)
            || matches(dotted, section: "groups", names: groups, keys: group)
            || matches(dotted, section: "downstreams", names: scenario.downstreams.map(\.name), keys: downstream)
            || matches(dotted, section: "connectors", names: patterns(.cdc), keys: connector)
            || matches(dotted, section: "read_models", names: patterns(.eventSourcing), keys: readModel)
    }

    /// `section.NAME.KEY` for one of `names` and one of `keys`.
    static func matches(_ dotted: String, section: String, names: [String], keys: [String]) -> Bool {
        guard dotted.hasPrefix(section + ".") else { return false }
        let rest = dotted.dropFirst(section.count + 1)
        return names.contains { name in rest.hasPrefix(name + ".") && keys.contains(String(rest.dropFirst(name.count + 1))) }
    }
}
