import Broker
import SluiceModel

/// What one step of simulated time did, for the status line: "+41 produced, +39 processed, 2 failed".
struct StepReport {
    var produced: Int64
    var processed: Int64
    var failed: Int64
    var deadLettered: Int64

    /// The running totals now.
    init(_ simulation: Simulation) {
        produced = simulation.totalProduced
        processed = simulation.consumers.all.reduce(0) { $0 + $1.processed }
        failed = simulation.consumers.all.reduce(0) { $0 + $1.failed }
        deadLettered = simulation.consumers.allStreams.reduce(0) { $0 + $1.parked }
            + simulation.broker.snapshot().queues.reduce(0) { $0 + $1.counters.deadLettered }
    }

    /// What happened between `earlier` and this one, in words.
    func since(_ earlier: StepReport) -> String {
        var parts = ["+\(produced - earlier.produced) produced", "+\(processed - earlier.processed) processed"]
        if failed > earlier.failed { parts.append("\(failed - earlier.failed) failed") }
        if deadLettered > earlier.deadLettered { parts.append("\(deadLettered - earlier.deadLettered) dead-lettered") }
        return parts.joined(separator: ", ")
    }
}
