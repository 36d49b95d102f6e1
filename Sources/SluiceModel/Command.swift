/// Where a group should start or be moved to.
public enum SeekPosition: Sendable, Equatable, Hashable {
    case earliest
    case latest
    case offset(Int64)
    /// The first record at or after this time.
    case time(Nanos)
}

/// Everything the dashboard can ask of whatever sits behind it.
public enum Command: Sendable, Equatable {
    case publish(target: String, key: String?, value: [UInt8], headers: [Header], messageId: String?)
    /// `member` nil pauses the whole group. `group` is `topic/group`, or a queue consumer's name.
    case pause(group: String, member: String?)
    case resume(group: String, member: String?)
    /// Seek a group (one partition, or all when nil): that is replay.
    case seek(group: String, partition: Int?, to: SeekPosition)
    case addInstance(consumer: String)
    case removeInstance(consumer: String)
    case crash(instance: String)
    case restart(instance: String)
    case injectPoison(target: String)
    case setOutage(downstream: String, down: Bool)
    /// Multiply a producer's configured rate (1 restores it).
    case setRateMultiplier(producer: String, multiplier: Double)
    case redrive(deadLetterQueue: String, perSecond: Double?)
    /// Copy a message (by sequence or id) into a dead-letter stream of the user's choosing.
    case copyToDeadLetter(source: String, sequence: Int64, destination: String)
    case setSpeed(Double)
    case setPaused(Bool)
    /// Advance one step of simulated time while paused.
    case step
    case restartRun(seed: UInt64)
    case inspect(InspectTarget?)
    case lessonStep(delta: Int)
    /// Restart the run on another lesson, by its name in `SystemSnapshot.lessonCatalog`.
    case openLesson(name: String)

    public var kind: CommandKind {
        switch self {
        case .publish: .publish
        case .pause, .resume: .pauseResume
        case .seek: .seek
        case .addInstance, .removeInstance: .scale
        case .crash, .restart: .crash
        case .injectPoison: .poison
        case .setOutage: .outage
        case .setRateMultiplier: .rate
        case .redrive: .redrive
        case .copyToDeadLetter: .copyToDeadLetter
        case .setSpeed, .setPaused, .step, .restartRun: .time
        case .inspect: .inspect
        case .lessonStep, .openLesson: .lesson
        }
    }
}

public enum CommandKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case publish, pauseResume, seek, scale, crash, poison, outage, rate, redrive, copyToDeadLetter, time, inspect, lesson
}

/// What a backend can do; an unavailable action carries the reason the dashboard shows.
public struct Capabilities: Sendable, Equatable {
    public var unavailable: [CommandKind: String]
    public init(unavailable: [CommandKind: String] = [:]) { self.unavailable = unavailable }
    public static let all = Capabilities()
    public func reasonUnavailable(_ kind: CommandKind) -> String? { unavailable[kind] }
    public func allows(_ kind: CommandKind) -> Bool { unavailable[kind] == nil }
}

/// The outcome of one command, shown as a one-line status.
public enum CommandOutcome: Sendable, Equatable {
    case done(String)
    case failed(String)
}

extension SystemBackend {
    /// A backend whose advance is quick (a poll) has no budget to keep.
    public func advance(wallNanos: Nanos, outOfTime: () -> Bool) { advance(wallNanos: wallNanos) }
}

/// The one protocol every backend implements: the embedded simulation, a live NATS server, ...
public protocol SystemBackend: AnyObject {
    /// Moves the system forward by this much wall time (the simulation scales it by its speed;
    /// a live engine polls when its interval has passed).
    func advance(wallNanos: Nanos)
    /// As `advance(wallNanos:)`, but stops early once `outOfTime()` says the frame's wall-time budget is
    /// spent, so that keys and signals are answered within a frame; the system then falls behind.
    func advance(wallNanos: Nanos, outOfTime: () -> Bool)
    func snapshot() -> SystemSnapshot
    func send(_ command: Command) -> CommandOutcome
    /// How many records a seek would hand to the group again; nil when unknown.
    func replayCount(group: String, partition: Int?, to: SeekPosition) -> Int64?
}
