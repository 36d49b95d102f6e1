/// Everything the dashboard renders, copied once a frame from whatever sits behind it
/// (the embedded simulation or a real engine). Immutable and `Sendable`.
public struct SystemSnapshot: Sendable, Equatable {
    public var source: SourceInfo
    public var clock: ClockInfo
    public var topics: [TopicSnapshot]
    public var groups: [GroupSnapshot]
    public var queues: [QueueSnapshot]
    /// Consumer instances as the simulation (or an engine) knows them: running, paused, crashed.
    public var instances: [InstanceSnapshot]
    public var breakers: [BreakerSnapshot]
    /// Producers, so the dashboard can name one in a rate spike.
    public var producers: [ProducerSnapshot]
    /// Downstream services, so the dashboard can toggle an outage.
    public var downstreams: [DownstreamSnapshot]
    public var throughput: ThroughputSnapshot
    /// Most recent last; bounded by the producer of the snapshot.
    public var events: [EventLogEntry]
    /// Result of the latest `Command.inspect`, if any.
    public var inspection: Inspection?
    /// A lesson's narrative, when a lesson is running.
    public var lesson: LessonSnapshot?
    /// The lesson's or scenario's expectations as the run stands; final once `clock.finished`.
    public var checks: [CheckSnapshot] = []
    /// The lessons the backend can open (`Command.openLesson`), in teaching order; empty when it has none.
    public var lessonCatalog: [LessonEntry]
    public var capabilities: Capabilities
    /// Set while the backend cannot reach its engine (a live attach that lost its connection).
    public var connectionProblem: String?

    public init(
        source: SourceInfo, clock: ClockInfo, topics: [TopicSnapshot] = [], groups: [GroupSnapshot] = [],
        queues: [QueueSnapshot] = [], instances: [InstanceSnapshot] = [], breakers: [BreakerSnapshot] = [],
        throughput: ThroughputSnapshot = .init(), events: [EventLogEntry] = [], inspection: Inspection? = nil,
        lesson: LessonSnapshot? = nil, capabilities: Capabilities = .all, connectionProblem: String? = nil,
        producers: [ProducerSnapshot] = [], downstreams: [DownstreamSnapshot] = [], lessonCatalog: [LessonEntry] = [],
        checks: [CheckSnapshot] = []
    ) {
        self.source = source; self.clock = clock; self.topics = topics; self.groups = groups
        self.queues = queues; self.instances = instances; self.breakers = breakers
        self.throughput = throughput; self.events = events; self.inspection = inspection
        self.lesson = lesson; self.capabilities = capabilities; self.connectionProblem = connectionProblem
        self.producers = producers; self.downstreams = downstreams; self.lessonCatalog = lessonCatalog
        self.checks = checks
    }
}

extension SystemSnapshot {
    public func group(_ id: GroupID) -> GroupSnapshot? { groups.first { $0.id == id } }
    public func queue(_ name: String) -> QueueSnapshot? { queues.first { $0.name == name } }
}

/// What sits behind the dashboard, as the backend describes itself (no list of engines to keep in step).
public struct SourceInfo: Sendable, Equatable {
    /// The engine in a person's words: `simulation`, `NATS JetStream`, `Kafka`.
    public var engine: String
    /// Scenario name, or the engine URL without credentials.
    public var name: String
    public var description: String
    public var seed: UInt64?
    /// Where a live engine's numbers come from, for `e`; nil when the backend computes its own.
    public var figureOrigins: FigureOrigins?
    public init(engine: String, name: String, description: String = "", seed: UInt64? = nil,
                figureOrigins: FigureOrigins? = nil) {
        self.engine = engine; self.name = name; self.description = description; self.seed = seed
        self.figureOrigins = figureOrigins
    }
}

public struct ClockInfo: Sendable, Equatable {
    /// Simulated (or live) time since the start of the run.
    public var now: Nanos
    /// Simulated seconds per wall second; 1 for live engines.
    public var speed: Double
    public var paused: Bool
    /// Set when a finite run reached its duration.
    public var finished: Bool
    /// The speed really reached over the last second, when it fell short of `speed` (each frame's
    /// work is bounded in wall time); nil while it keeps up.
    public var reachedSpeed: Double?
    public init(now: Nanos, speed: Double = 1, paused: Bool = false, finished: Bool = false, reachedSpeed: Double? = nil) {
        self.now = now; self.speed = speed; self.paused = paused; self.finished = finished; self.reachedSpeed = reachedSpeed
    }
}

/// A short history of one number, oldest first, one sample per second of (simulated) time.
public struct Series: Sendable, Equatable {
    public var samples: [Double]
    public init(_ samples: [Double] = []) { self.samples = samples }
    public var last: Double? { samples.last }
}

public struct ThroughputSnapshot: Sendable, Equatable {
    public var producedPerSecond: Double
    public var consumedPerSecond: Double
    public var produced: Series
    public var consumed: Series
    public var retriesPerSecond: Series
    public init(producedPerSecond: Double = 0, consumedPerSecond: Double = 0, produced: Series = .init(),
                consumed: Series = .init(), retriesPerSecond: Series = .init()) {
        self.producedPerSecond = producedPerSecond; self.consumedPerSecond = consumedPerSecond
        self.produced = produced; self.consumed = consumed; self.retriesPerSecond = retriesPerSecond
    }
}
