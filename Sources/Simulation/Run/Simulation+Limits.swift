import Broker
import SluiceModel

/// A run that would hold more than `options.mostHeld` (`ScenarioLimits.mostHeld`) messages and records stops, with an
/// error that says why, instead of taking the machine's memory.
extension Simulation {
    /// Messages held by queues (waiting, delayed, in flight) plus records retained by streams.
    var heldMessages: Int64 {
        let queued = broker.queues.reduce(Int64(0)) { $0 + Int64($1.depth) }
        return broker.topics.reduce(queued) { total, topic in
            (0..<topic.partitionCount).reduce(total) { sum, partition in
                sum + logEnd(of: topic, partition: partition) - logStart(of: topic, partition: partition)
            }
        }
    }

    /// Checked once a simulated second: a second at the fastest rate adds at most a million.
    func checkHeldLimit() {
        guard limitReached == nil else { return }
        let held = heldMessages
        guard held > options.mostHeld else { return }
        let message = "stopped at \(DurationText.format(now)): the broker holds \(held) messages and records, more than the "
            + "\(options.mostHeld) a run may hold; consumers fall too far behind, or retention keeps too much "
            + "(lower a rate, add consumers, or set retention)"
        limitReached = ScenarioError(file: scenario.file.isEmpty ? scenario.name : scenario.file, line: nil, key: nil, message: message)
        record(.warning, message)
    }
}
