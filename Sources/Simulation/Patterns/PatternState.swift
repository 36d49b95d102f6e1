import Broker
import SluiceModel

/// A running pattern model: its business operations, and the ground truth its outcome is judged by.
struct PatternState {
    let spec: PatternSpec
    let topic: Topic
    var random: SeededGenerator
    var multiplier = 1.0
    var generation = 0
    /// Business operations started.
    var operations: Int64 = 0
    var produced: Int64 = 0
    var deduplicated: Int64 = 0
    var rejected: Int64 = 0
    var crashes: Int64 = 0
    /// Outbox and dual write: committed state changes, rows waiting in the outbox, operations whose event is stored.
    var stateChanges: Int64 = 0
    var outbox = Ring<Int64>()
    var published = IntervalSet()
    /// Saga runs in progress, by id, and how the finished ones ended.
    var sagas: [Int64: SagaRun] = [:]
    var sagasCommitted: Int64 = 0
    var sagasCompensated: Int64 = 0
    /// CDC: the source table; event sourcing: the balances the commands produced.
    var truth: [String: Int64] = [:]
    /// CDC's replica, event sourcing's incrementally built projection.
    var projection: StreamProjection?
    /// Lessons, CDC: changes the connector sent again after restarts.
    var resent: Int64 = 0
    /// Lessons, event sourcing: the read model deployed on the stream, once deployed.
    var readModel: DeployedProjection?

    var rate: Double { spec.rate * multiplier }
}

/// One saga: its steps done so far, and whether it is undoing them.
struct SagaRun {
    var completed = 0
    var compensating = false
    /// Steps done minus steps compensated, as the events stored in the stream tell it.
    var stored = 0
}
