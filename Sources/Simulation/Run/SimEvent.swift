import SluiceModel

/// One thing that happens at a point of simulated time.
enum SimEvent {
    case arrival(producer: ProducerID, generation: Int)
    /// A job's current attempt ends; `ticket` tells the job it was scheduled for from a later one in
    /// the same slot (after a crash, or a seek that dropped the job).
    case jobDone(instance: InstanceID, slot: Int, ticket: Int)
    /// A stream consumer's blocking retry of the record in `slot` starts again.
    case jobRetry(instance: InstanceID, slot: Int, ticket: Int)
    /// Something inside the broker becomes due (a delay, an ack deadline, a redrive step).
    case brokerDue
    case fault(index: Int)
    /// Undoes a fault that had a `for` duration (resume, restart, outage end, rate back).
    case faultEnd(index: Int)
    case outage(downstream: DownstreamID, down: Bool)
    case scheduledRate(producer: ProducerID, rate: Double)
    /// Samples the per-second series and checks queue conservation.
    case secondTick
    case warmupEnd
    /// A circuit breaker's open period ends: consumers that back off on it may try again.
    case breakerReopens(downstream: DownstreamID)
    case pattern(PatternID, operation: Int64)
    /// Something a lesson or its measurements scheduled.
    case lesson(LessonEvent)
    /// A stream consumer with a periodic commit strategy commits, and schedules its next commit.
    case periodicCommit(consumer: ConsumerID)

    /// A small code folded into the run's digest.
    var code: UInt64 {
        switch self {
        case .arrival(let producer, _): 1 | UInt64(producer.index) << 8
        case .jobDone(let instance, let slot, _): 2 | UInt64(instance.index) << 8 | UInt64(slot) << 32
        case .jobRetry(let instance, let slot, _): 3 | UInt64(instance.index) << 8 | UInt64(slot) << 32
        case .brokerDue: 4
        case .fault(let index): 5 | UInt64(index) << 8
        case .faultEnd(let index): 6 | UInt64(index) << 8
        case .outage(let downstream, let down): 7 | UInt64(downstream.index) << 8 | (down ? 1 << 40 : 0)
        case .scheduledRate(let producer, _): 8 | UInt64(producer.index) << 8
        case .secondTick: 9
        case .warmupEnd: 10
        case .breakerReopens(let downstream): 11 | UInt64(downstream.index) << 8
        case .pattern(let pattern, let operation): 12 | UInt64(pattern.index) << 8 | UInt64(bitPattern: operation) << 24
        case .lesson(let event): 13 | event.code << 8
        case .periodicCommit(let consumer): 14 | UInt64(consumer.index) << 8
        }
    }
}
