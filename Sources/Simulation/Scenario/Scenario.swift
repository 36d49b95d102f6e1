public import Broker
public import SluiceModel

/// A whole scenario file, validated: the system to build, its load, its faults and what to expect.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var description: String
    public var seed: UInt64
    /// Simulated time a headless run covers.
    public var duration: Nanos
    /// Statistics ignore this first stretch.
    public var warmup: Nanos
    public var streams: [StreamSpec] = []
    public var queues: [QueueSpec] = []
    public var producers: [ProducerSpec] = []
    public var consumers: [ConsumerSpec] = []
    public var downstreams: [DownstreamSpec] = []
    public var faults: [FaultSpec] = []
    public var patterns: [PatternSpec] = []
    public var expectations: [Expectation] = []
    /// Set when the scenario is a lesson: its title, teaching and steps.
    public var lesson: Lesson?
    /// The file it was read from (a built-in's name for built-ins), so that later messages can point at it.
    public var file = ""

    public init(name: String, description: String = "", seed: UInt64 = 1, duration: Nanos = 600 * NanosPerUnit.second,
                warmup: Nanos = 0) {
        self.name = name; self.description = description; self.seed = seed
        self.duration = duration; self.warmup = warmup
    }

    /// True when `name` is a stream of this scenario.
    public func hasStream(_ name: String) -> Bool { streams.contains { $0.name == name } }
    /// True when `name` is a queue of this scenario (a dead-letter queue is declared like any other).
    public func hasQueue(_ name: String) -> Bool { queues.contains { $0.name == name } }
}

public struct StreamSpec: Sendable, Equatable {
    public var name: String
    public var partitions: Int
    public var retention: RetentionSpec
    /// Appends whose message id was seen within this window are acknowledged and not stored again.
    public var dedupeWindow: Nanos?
    public init(name: String, partitions: Int = 1, retention: RetentionSpec = .init(), dedupeWindow: Nanos? = nil) {
        self.name = name; self.partitions = partitions; self.retention = retention; self.dedupeWindow = dedupeWindow
    }
}

public struct RetentionSpec: Sendable, Equatable {
    public var maxMessages: Int?
    public var maxBytes: Int?
    public var maxAge: Nanos?
    /// Drop the oldest records, or reject the append.
    public var discard: DiscardPolicy
    public init(maxMessages: Int? = nil, maxBytes: Int? = nil, maxAge: Nanos? = nil, discard: DiscardPolicy = .old) {
        self.maxMessages = maxMessages; self.maxBytes = maxBytes; self.maxAge = maxAge; self.discard = discard
    }
}

public struct QueueSpec: Sendable, Equatable {
    public var name: String
    /// Messages waiting plus in flight; nil is unbounded.
    public var capacity: Int?
    public var overflow: OverflowPolicy
    public var ackDeadline: Nanos
    public var maxDeliveries: Int?
    public var deadLetter: String?
    public var retry: RetryPolicy
    public var dedupeWindow: Nanos?
    public init(name: String, capacity: Int? = nil, overflow: OverflowPolicy = .rejectNew,
                ackDeadline: Nanos = 30 * NanosPerUnit.second, maxDeliveries: Int? = nil, deadLetter: String? = nil,
                retry: RetryPolicy = .immediate, dedupeWindow: Nanos? = nil) {
        self.name = name; self.capacity = capacity; self.overflow = overflow; self.ackDeadline = ackDeadline
        self.maxDeliveries = maxDeliveries; self.deadLetter = deadLetter; self.retry = retry
        self.dedupeWindow = dedupeWindow
    }
}

/// How a producer's messages arrive in time.
public enum ArrivalPattern: Sendable, Equatable {
    /// Exponential gaps: a Poisson process.
    case poisson
    /// Evenly spaced.
    case constant
    /// Poisson bursts during `on`, silence during `off`; the mean rate stays the configured one.
    case bursty(on: Nanos, off: Nanos)
}

/// Which key a producer puts on a message.
public enum KeySpec: Sendable, Equatable {
    case none
    case uniform(count: Int)
    case zipf(count: Int, exponent: Double)
}

/// A change of a producer's rate at a point in time.
public struct RateChange: Sendable, Equatable {
    public var at: Nanos
    public var rate: Double
    public init(at: Nanos, rate: Double) { self.at = at; self.rate = rate }
}

public struct ProducerSpec: Sendable, Equatable {
    public var name: String
    public var target: String
    public var rate: Double
    public var arrivals: ArrivalPattern
    public var keys: KeySpec
    /// `{seq}`, `{key}`, `{id}` and `{producer}` are filled in per message.
    public var payload: String
    /// Whether messages carry an id (`producer-seq`) the broker can dedupe on.
    public var messageIds: Bool
    public var schedule: [RateChange]
    public init(name: String, target: String, rate: Double, arrivals: ArrivalPattern = .poisson,
                keys: KeySpec = .none, payload: String = #"{"seq":{seq}}"#, messageIds: Bool = true,
                schedule: [RateChange] = []) {
        self.name = name; self.target = target; self.rate = rate; self.arrivals = arrivals; self.keys = keys
        self.payload = payload; self.messageIds = messageIds; self.schedule = schedule
    }
}

/// When a stream consumer commits its offset.
public enum CommitStrategy: Sendable, Equatable {
    /// After processing: nothing is lost, a crash can deliver a record again.
    case after
    /// Before processing: nothing is delivered twice, a crash can lose records.
    case before
    /// The consumer commits each polled batch as soon as it is handed out, then processes it: a crash
    /// loses what was committed but not yet processed.
    case beforeBatch
    /// The consumer commits on a timer of its own, not per record.
    case periodic(PeriodicCommit)
}

/// A commit that runs every `interval` of simulated time, as its own scheduled event.
public struct PeriodicCommit: Sendable, Equatable {
    /// What each periodic commit covers.
    public enum Scope: Sendable, Equatable {
        /// Everything processed without a gap (`commit = "after"` with `commit_interval`): a crash
        /// redelivers what was processed since, nothing is lost.
        case processed
        /// Everything polled, processed or not (`commit = "auto:5s"`, Kafka's enable.auto.commit): a crash
        /// can lose what was handed out and committed but not processed.
        case handedOut
    }

    public var interval: Nanos
    public var scope: Scope
    public init(every interval: Nanos, scope: Scope) { self.interval = interval; self.scope = scope }
}

/// A rule that makes processing of some messages always fail.
public enum PoisonRule: Sendable, Equatable {
    case key(String)
    /// A payload field with this value (compared as JSON text, quotes optional).
    case field(name: String, equals: String)
}

/// One instance runs slower than its siblings (a noisy neighbour, a cold cache).
public struct SlowInstance: Sendable, Equatable {
    /// 1-based, as in `billing/1`.
    public var instance: Int
    /// Service times are multiplied by this.
    public var factor: Double
    public init(instance: Int, factor: Double) { self.instance = instance; self.factor = factor }
}

public struct ConsumerSpec: Sendable, Equatable {
    public var name: String
    public var source: String
    /// The consumer group when the source is a stream.
    public var group: String?
    public var instances: Int
    public var concurrency: Int
    public var service: DurationDistribution
    public var failureProbability: Double
    public var poison: PoisonRule?
    public var idempotent: Bool
    public var commit: CommitStrategy
    /// Prefetch / max in flight per instance for queues; nil means `concurrency`.
    public var maxInFlight: Int?
    public var downstream: String?
    public var slow: [SlowInstance]
    /// Stream consumers retry a failed record in place this many times before parking it.
    public var maxAttempts: Int
    /// Where a stream consumer parks a record it gave up on (a queue); nil only counts it.
    public var deadLetter: String?
    /// Where a new group starts: earliest or latest.
    public var startLatest: Bool
    public init(name: String, source: String, group: String? = nil, instances: Int = 1, concurrency: Int = 1,
                service: DurationDistribution = .exponential(mean: 100 * NanosPerUnit.millisecond),
                failureProbability: Double = 0, poison: PoisonRule? = nil, idempotent: Bool = false,
                commit: CommitStrategy = .after, maxInFlight: Int? = nil, downstream: String? = nil,
                slow: [SlowInstance] = [], maxAttempts: Int = 5, deadLetter: String? = nil, startLatest: Bool = false) {
        self.name = name; self.source = source; self.group = group; self.instances = instances
        self.concurrency = concurrency; self.service = service; self.failureProbability = failureProbability
        self.poison = poison; self.idempotent = idempotent; self.commit = commit; self.maxInFlight = maxInFlight
        self.downstream = downstream; self.slow = slow; self.maxAttempts = maxAttempts; self.deadLetter = deadLetter
        self.startLatest = startLatest
    }
}

/// A dependency consumers call (an email provider, a payment API), with outages and a breaker.
public struct DownstreamSpec: Sendable, Equatable {
    public var name: String
    /// Calls that fail even while it is up.
    public var failureProbability: Double
    public var outages: [Outage]
    public var breaker: BreakerSpec?
    public init(name: String, failureProbability: Double = 0, outages: [Outage] = [], breaker: BreakerSpec? = nil) {
        self.name = name; self.failureProbability = failureProbability; self.outages = outages; self.breaker = breaker
    }

    public struct Outage: Sendable, Equatable {
        public var at: Nanos
        public var length: Nanos
        public init(at: Nanos, length: Nanos) { self.at = at; self.length = length }
    }
}

/// A circuit breaker: opens when the failure rate over a window passes a threshold.
public struct BreakerSpec: Sendable, Equatable {
    public var failureRate: Double
    public var window: Nanos
    /// The window must hold at least this many calls before the breaker may open.
    public var minimumCalls: Int
    public var openFor: Nanos
    /// Calls let through while half-open; all must succeed to close.
    public var trialCalls: Int
    public init(failureRate: Double = 0.5, window: Nanos = 10 * NanosPerUnit.second, minimumCalls: Int = 5,
                openFor: Nanos = 5 * NanosPerUnit.second, trialCalls: Int = 3) {
        self.failureRate = failureRate; self.window = window; self.minimumCalls = minimumCalls
        self.openFor = openFor; self.trialCalls = trialCalls
    }
}

public enum FaultAction: String, Sendable, Equatable, CaseIterable {
    case pause, resume, crash, restart, outage, rate, poison, scale
}

/// One scheduled fault: at `at`, do `action` to `target`.
public struct FaultSpec: Sendable, Equatable {
    public var at: Nanos
    public var action: FaultAction
    /// An instance (`billing/1`), a consumer (`billing`), a producer or a downstream, depending on the action.
    public var target: String
    /// For pause and outage: undo after this long.
    public var length: Nanos?
    /// Rate multiplier (rate), number of messages (poison), instance count (scale).
    public var value: Double?
    public init(at: Nanos, action: FaultAction, target: String, length: Nanos? = nil, value: Double? = nil) {
        self.at = at; self.action = action; self.target = target; self.length = length; self.value = value
    }
}

/// A pattern model running beside the producers and consumers.
public enum PatternKind: String, Sendable, Equatable, CaseIterable {
    case outbox
    case dualWrite = "dual_write"
    case saga
    case cdc
    case eventSourcing = "event_sourcing"
}

public struct PatternSpec: Sendable, Equatable {
    public var name: String
    public var kind: PatternKind
    /// The stream the pattern publishes to.
    public var target: String
    /// Business operations per simulated second.
    public var rate: Double
    /// Probability that a service crashes between its database commit and its publish (outbox, dual write).
    public var crashProbability: Double
    /// Saga steps; a failing step compensates the ones before it.
    public var steps: [String]
    /// Probability that one saga step fails.
    public var stepFailureProbability: Double
    public init(name: String, kind: PatternKind, target: String, rate: Double = 10, crashProbability: Double = 0,
                steps: [String] = [], stepFailureProbability: Double = 0) {
        self.name = name; self.kind = kind; self.target = target; self.rate = rate
        self.crashProbability = crashProbability; self.steps = steps; self.stepFailureProbability = stepFailureProbability
    }
}

/// One line of `[expect]`: a summary key compared with a number.
public struct Expectation: Sendable, Equatable {
    public enum Comparison: String, Sendable, Equatable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }
    /// Where the number stands in the summary (written dotted for nested ones: `queues.emails.dead_lettered`).
    public var key: SummaryPath
    public var comparison: Comparison
    public var value: Double
    /// The line in the scenario file, for messages.
    public var line: Int
    /// Another summary number to compare with instead of `value` (`"== uncommitted_at_crash"`).
    public var reference: SummaryPath?
    /// Set for `"0.9 ± 0.2"`: the actual value must lie within this distance of `value`.
    public var tolerance: Double?
    public init(key: SummaryPath, comparison: Comparison, value: Double, line: Int = 0, reference: SummaryPath? = nil,
                tolerance: Double? = nil) {
        self.key = key; self.comparison = comparison; self.value = value; self.line = line; self.reference = reference
        self.tolerance = tolerance
    }

    public func holds(for actual: Double) -> Bool {
        if let tolerance { return abs(actual - value) <= tolerance }
        return switch comparison {
        case .equal: actual == value
        case .notEqual: actual != value
        case .less: actual < value
        case .lessOrEqual: actual <= value
        case .greater: actual > value
        case .greaterOrEqual: actual >= value
        }
    }

    /// `lost == 0`, `dead_lettered > 0`.
    public var text: String {
        if let tolerance { return "\(key) == \(JSONText.number(value)) ± \(JSONText.significant(tolerance))" }
        return "\(key) \(comparison.rawValue) \(reference?.description ?? JSONText.number(value))"
    }
}
