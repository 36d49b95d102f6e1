/// Where a group should start or be moved to, or where a browse starts.
public enum SeekPosition: Sendable, Equatable, Hashable {
    case earliest
    case latest
    case offset(Int64)
    /// The first record at or after this time, on the run's clock (before zero on a live engine: before the attach).
    case time(Nanos)
    /// The record an engine names by its own id (a Redis entry id, `1700000000000-0`), or the first after it.
    /// Only engines that have such ids accept it (`Capabilities.entryID`); the text is the user's, untrusted.
    case entryID(String)
}

/// What a seek does to a group, counted from its committed offsets: records it hands out again
/// (the target is behind what was committed) and records it passes over unread (the target is ahead).
public struct SeekCount: Sendable, Equatable {
    public var again: Int64
    public var skipped: Int64
    public init(again: Int64 = 0, skipped: Int64 = 0) { self.again = again; self.skipped = skipped }

    public static func + (left: SeekCount, right: SeekCount) -> SeekCount {
        SeekCount(again: left.again + right.again, skipped: left.skipped + right.skipped)
    }

    /// The count for one partition moved from `committed` to `target`.
    public static func moving(from committed: Int64, to target: Int64) -> SeekCount {
        SeekCount(again: max(0, committed - target), skipped: max(0, target - committed))
    }

    /// "1 record consumed again", "skips 530 records", both, or "no record consumed again or skipped".
    public var description: String {
        func records(_ n: Int64) -> String { n == 1 ? "1 record" : "\(n) records" }
        var parts: [String] = []
        if again > 0 { parts.append(records(again) + " consumed again") }
        if skipped > 0 { parts.append("skips " + records(skipped)) }
        return parts.isEmpty ? "no record consumed again or skipped" : parts.joined(separator: ", ")
    }
}

/// Everything the dashboard can ask of whatever sits behind it.
public enum Command: Sendable, Equatable {
    case publish(target: String, key: String?, value: [UInt8], headers: [Header], messageId: String?)
    /// `member` nil pauses every consumer of the group or the queue.
    case pause(consumers: GroupOrQueue, member: String?)
    case resume(consumers: GroupOrQueue, member: String?)
    /// Seek a group (one partition, or all when nil): that is replay.
    case seek(group: GroupID, partition: PartitionRef?, to: SeekPosition)
    /// Commit a group past the record a member is stuck on (it was at `offset`), counted as skipped.
    case skip(group: GroupID, partition: PartitionRef, offset: Int64)
    case addInstance(consumer: String)
    case removeInstance(consumer: String)
    case crash(instance: String)
    case restart(instance: String)
    case injectPoison(target: String)
    case setOutage(downstream: String, down: Bool)
    /// Multiply a producer's configured rate (1 restores it).
    case setRateMultiplier(producer: String, multiplier: Double)
    case redrive(deadLetterQueue: String, perSecond: Double?)
    /// Drop every ready message of a work queue (RabbitMQ's queue.purge); what consumers hold stays with them.
    case purge(queue: String)
    /// Copy a message (a queue's by sequence, a partition's by offset) into a dead-letter queue or stream of
    /// the user's choosing.
    case copyToDeadLetter(source: MessageLocation, sequence: Int64, destination: String)
    /// Hand a group's entries pending (delivered, not acknowledged) for at least `minIdle` to `consumer`:
    /// Redis's XAUTOCLAIM, for messages stuck on a consumer that went away.
    case claim(group: GroupID, consumer: String, minIdle: Nanos)
    case setSpeed(Double)
    case setPaused(Bool)
    /// Advance one step of simulated time while paused (the simulation: one second).
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
        case .seek, .skip: .seek
        case .addInstance: .addInstance
        case .removeInstance: .removeInstance
        case .crash, .restart: .crash
        case .injectPoison: .poison
        case .setOutage: .outage
        case .setRateMultiplier: .rate
        case .redrive: .redrive
        case .purge: .purge
        case .copyToDeadLetter: .copyToDeadLetter
        case .claim: .claim
        case .setPaused: .pauseTime
        case .step: .step
        case .setSpeed: .speed
        case .restartRun: .restartRun
        case .inspect: .inspect
        case .lessonStep: .lessonStep
        case .openLesson: .openLesson
        }
    }
}

/// What a capability is about: one per command, except where two commands are one action's two ways (pause and
/// resume, crash and restart, a seek and the skip that is a seek past one record), so that a backend can offer
/// pausing time and refuse stepping it (a served run), or fence a member and refuse to add one (a Kafka listener).
public enum CommandKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case publish, pauseResume, seek, addInstance, removeInstance, crash, poison, outage, rate, redrive, purge, copyToDeadLetter, claim
    case pauseTime, step, speed, restartRun
    case inspect, lessonStep, openLesson

    /// Time control: pausing the run, stepping it while paused, its speed, a restart with a new seed.
    public static let time: [CommandKind] = [.pauseTime, .step, .speed, .restartRun]
    /// Adding and removing consumer instances.
    public static let scale: [CommandKind] = [.addInstance, .removeInstance]
    /// Moving through a lesson and opening another.
    public static let lessons: [CommandKind] = [.lessonStep, .openLesson]
    /// Kinds that reports and the header name as one when all of them are off for one reason.
    public static let families: [(name: String, kinds: [CommandKind])] = [("time", time), ("scale", scale), ("lesson", lessons)]
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
    /// What a seek would do: records handed to the group again and records skipped; nil when unknown.
    func seekCount(group: GroupID, partition: PartitionRef?, to: SeekPosition) -> SeekCount?
}
