/// A consumer instance as the driver of the system sees it.
public struct InstanceSnapshot: Sendable, Equatable {
    public enum State: String, Sendable, Equatable { case running, paused, crashed, idle }
    /// `consumer/index`, e.g. `billing/2`.
    public var id: String
    public var consumer: String
    public var source: GroupOrQueue
    public var state: State
    public var busy: Int
    public var concurrency: Int
    public var processed: Int64
    public var failed: Int64
    /// Over the last `RateWindow.seconds`.
    public var processedPerSecond: Double
    /// Failed attempts over all attempts, over the last `RateWindow.seconds`.
    public var errorRate: Double
    public init(id: String, consumer: String, source: GroupOrQueue, state: State, busy: Int = 0, concurrency: Int = 1,
                processed: Int64 = 0, failed: Int64 = 0, processedPerSecond: Double = 0, errorRate: Double = 0) {
        self.id = id; self.consumer = consumer; self.source = source; self.state = state; self.busy = busy
        self.concurrency = concurrency; self.processed = processed; self.failed = failed
        self.processedPerSecond = processedPerSecond; self.errorRate = errorRate
    }
}

public struct BreakerSnapshot: Sendable, Equatable {
    public enum State: String, Sendable, Equatable { case closed, open, halfOpen = "half-open" }
    public var name: String
    public var state: State
    public var failureRate: Double
    public var rejectedCalls: Int64
    public var downstreamUp: Bool
    /// A fault the backend injects itself (a Kafka listener's latency or errors), switched like an outage:
    /// open while it is on, `rejectedCalls` counting the requests it hit.
    public var isFault: Bool
    public init(name: String, state: State, failureRate: Double = 0, rejectedCalls: Int64 = 0, downstreamUp: Bool = true,
                isFault: Bool = false) {
        self.name = name; self.state = state; self.failureRate = failureRate
        self.rejectedCalls = rejectedCalls; self.downstreamUp = downstreamUp; self.isFault = isFault
    }
}

public struct EventLogEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case rebalance, pause, resume, crash, restart, deadLetter = "dead-letter", redrive, breaker, fault
        case publish, seek, scale, outage, info, warning
    }
    public var at: Nanos
    public var kind: Kind
    public var text: String
    /// Ties related entries together (a message id, a saga id...).
    public var correlationId: String?
    /// Where the message the entry is about can be browsed now (the DLQ it went to, its partition).
    public var location: InspectTarget?
    public init(at: Nanos, kind: Kind, text: String, correlationId: String? = nil, location: InspectTarget? = nil) {
        self.at = at; self.kind = kind; self.text = text; self.correlationId = correlationId; self.location = location
    }
}

public struct LessonSnapshot: Sendable, Equatable {
    public var title: String
    /// The step shown (0-based); the learner can browse away from the latest one.
    public var stepIndex: Int
    public var stepCount: Int
    public var text: String
    /// What the lesson teaches, in a sentence.
    public var teaches: String
    /// How many steps have fired so far (steps fire in order).
    public var reached: Int
    /// When the shown step fires: "at 1m" or "when final_lag > 1000".
    public var condition: String
    /// When the shown step fired; nil while it is still ahead.
    public var firedAt: Nanos?
    public init(title: String, stepIndex: Int, stepCount: Int, text: String, teaches: String = "", reached: Int = 0,
                condition: String = "", firedAt: Nanos? = nil) {
        self.title = title; self.stepIndex = stepIndex; self.stepCount = stepCount; self.text = text
        self.teaches = teaches; self.reached = reached; self.condition = condition; self.firedAt = firedAt
    }
}
