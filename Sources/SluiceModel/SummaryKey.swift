/// One number (or fact) of a simulated run's summary, `sluice run --format json`, as every reader sees it.
/// The catalogue is the cases of the section enums below (`SummaryKey.Total.finalLag`, `SummaryKey.Queue.finalDepth`,
/// ...): the summary is built by setting those, so a key not listed cannot be written, and expectations
/// (`[expect]`), lesson triggers, the summary table and the explanations behind `e` all read this catalogue,
/// so a key cannot be checkable in one place and unknown in another.
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

    init<Key: SummaryField>(_ key: Key) {
        section = Key.section; name = key.rawValue; kind = key.promise; explanation = key.explanation; shortName = key.shortName
    }

    /// Every key, each section in output order.
    public static let all: [SummaryKey] = Total.keys + Queue.keys + Group.keys + Pattern.keys + Downstream.keys
        + Connector.keys + ReadModel.keys

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

    /// The top-level numbers.
    public enum Total: String, SummaryField {
        case seed, simTime = "sim_time_s", events, offered, produced, delivered, acked, redelivered
        case deadLettered = "dead_lettered", rejected, dropped, inFlight = "in_flight", waiting, lost
        case duplicatesDelivered = "duplicates_delivered", duplicateEffects = "duplicate_effects"
        case orderViolations = "order_violations", maxLag = "max_lag", finalLag = "final_lag"
        case blocked, attemptsPerMessage = "attempts_per_message", breakerRejected = "breaker_rejected"
        case invariantViolation = "invariant_violation", traceDigest = "trace_digest"
        case idleMembers = "idle_members"

        public static let section = Section.totals
        public var promise: Kind {
            switch self {
            case .blocked, .attemptsPerMessage, .breakerRejected, .invariantViolation: .extra
            case .traceDigest: .identity
            case .idleMembers: .lesson
            default: .contract
            }
        }
        public var explanation: String? { self == .maxLag || self == .finalLag ? "lag" : nil }
        public var shortName: String? {
            switch self {
            case .simTime: "time"
            case .deadLettered: "dlq"
            case .finalLag: "lag"
            default: nil
            }
        }
    }

    /// Each work queue's entry, dead-letter queues included.
    public enum Queue: String, SummaryField {
        case meanWait = "mean_wait_s", meanSojourn = "mean_sojourn_s", meanQueueLength = "mean_queue_length"
        case meanInSystem = "mean_in_system", utilization, throughput = "throughput_per_s", offered, rejected
        case deadLettered = "dead_lettered"
        case acked, delivered, redelivered, dropped, attemptsPerMessage = "attempts_per_message"
        case deadLetterShare = "dead_letter_share", littlesLawL = "littles_law_l", littlesLawLambdaW = "littles_law_lambda_w"
        case orderViolations = "order_violations", finalDepth = "final_depth", peakRedeliveredPerSecond = "peak_redelivered_per_s"

        public static let section = Section.queues
        public var promise: Kind {
            switch self {
            case .meanWait, .meanSojourn, .meanQueueLength, .meanInSystem, .utilization, .throughput, .offered, .rejected,
                 .deadLettered: .contract
            case .orderViolations, .finalDepth, .peakRedeliveredPerSecond: .lesson
            default: .extra
            }
        }
        public var explanation: String? {
            switch self {
            case .meanWait: "mean_wait"
            case .meanSojourn: "mean_sojourn"
            case .meanQueueLength: "queue_length"
            case .meanInSystem: "in_system"
            case .throughput: "throughput"
            default: nil
            }
        }
    }

    /// Each stream consumer's group entry. The last six of the extra keys state where each record the group
    /// is to read stands: `produced` is the sum of the other five.
    public enum Group: String, SummaryField {
        case maxLag = "max_lag", finalLag = "final_lag", throughput = "throughput_per_s"
        case processed, committed, duplicatesDelivered = "duplicates_delivered", duplicateEffects = "duplicate_effects", lost
        case produced, acked, deadLettered = "dead_lettered", inFlight = "in_flight", waiting, dropped
        case meanWait = "mean_wait_s", idleMembers = "idle_members", orderViolations = "order_violations"
        case peakLagTime = "peak_lag_time_s", drainTime = "drain_time_s", stalledPartitions = "stalled_partitions"
        case uncommittedAtCrash = "uncommitted_at_crash", unprocessedAtCrash = "unprocessed_at_crash"

        public static let section = Section.groups
        public var promise: Kind {
            switch self {
            case .maxLag, .finalLag, .throughput: .contract
            case .processed, .committed, .duplicatesDelivered, .duplicateEffects, .lost, .produced, .acked, .deadLettered,
                 .inFlight, .waiting, .dropped: .extra
            default: .lesson
            }
        }
        public var explanation: String? {
            switch self {
            case .maxLag, .finalLag: "lag"
            case .throughput: "throughput"
            case .meanWait: "mean_wait"
            default: nil
            }
        }
    }

    /// Each pattern's entry; each kind of pattern has some of them.
    public enum Pattern: String, SummaryField {
        case kind, operations, eventsStored = "events_stored", deduplicated
        case stateChanges = "state_changes", crashes, outboxPending = "outbox_pending", missingEvents = "missing_events"
        case committed, compensated, inProgress = "in_progress"
        case sourceRows = "source_rows", replicaRows = "replica_rows", replicaMatches = "replica_matches"
        case accounts, projectionMatches = "projection_matches", replayMatches = "replay_matches"
        case committedShare = "committed_share"

        public static let section = Section.patterns
        public var promise: Kind { .contract }
    }

    /// Each downstream's entry: its calls and its breaker's transitions.
    public enum Downstream: String, SummaryField {
        case calls, failedCalls = "failed_calls", peakCallsPerSecond = "peak_calls_per_s", peakSecond = "peak_second"
        case breakerOpened = "breaker_opened", breakerHalfOpened = "breaker_half_opened", breakerClosed = "breaker_closed"
        case callsWhileOpen = "calls_while_open", breakerRejected = "breaker_rejected", breakerIsClosed = "breaker_is_closed"

        public static let section = Section.downstreams
        public var promise: Kind { .lesson }
    }

    /// Per CDC pattern.
    public enum Connector: String, SummaryField {
        case resent, tombstones

        public static let section = Section.connectors
        public var promise: Kind { .lesson }
    }

    /// Per event-sourcing pattern, once a lesson deployed its read model.
    public enum ReadModel: String, SummaryField {
        case version, matchesTruth = "matches_truth", wrongAccounts = "wrong_accounts"
        case wrongBeforeRedeploy = "wrong_before_redeploy", applied

        public static let section = Section.readModels
        public var promise: Kind { .lesson }
    }
}

/// The keys of one section of the summary: an enum whose cases, in output order, are the section's catalogue,
/// each named in the summary by its raw value.
public protocol SummaryField: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    static var section: SummaryKey.Section { get }
    /// Which promise the key belongs to.
    var promise: SummaryKey.Kind { get }
    /// The entry of `Explanations` that explains it, when named otherwise.
    var explanation: String? { get }
    /// A short name a lesson trigger may use instead.
    var shortName: String? { get }
}

extension SummaryField {
    public var explanation: String? { nil }
    public var shortName: String? { nil }
    /// The key as the catalogue describes it.
    public var key: SummaryKey { SummaryKey(self) }
    static var keys: [SummaryKey] { allCases.map(SummaryKey.init) }
}
