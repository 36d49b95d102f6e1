import Broker
import SluiceModel

/// Reads single numbers of the run summary, each as `summary()` gives it, building only the part of the
/// summary its path lies in: the totals, or one entry of a section (a queue, a group, a pattern, a
/// downstream, a connector, a read model), each at most once. A pending lesson trigger reads through one
/// every simulated second; it used to build the whole summary (two broker snapshots, every entry, the
/// event-sourced streams replayed) to read one or two numbers.
///
/// Unlike `summary()` it checks no invariant: reading must not stop or change the run.
struct SummaryProbe {
    private let simulation: Simulation
    /// The parts built so far, as the whole summary has them.
    private var partial = RunSummary()
    private var built: Set<Part> = []

    /// What one path reads.
    private enum Part: Hashable {
        case totals
        case queue(String)
        case group(StreamConsumerID)
        case pattern(PatternID)
        case downstream(DownstreamID)
        case connector(PatternID)
        case readModel(PatternID)
    }

    init(_ simulation: Simulation) {
        self.simulation = simulation
        // As the summary's broker snapshot does: what falls due now is applied before anything is read.
        simulation.broker.processDue()
    }

    /// The number at `path`; nil where the summary has none.
    mutating func value(_ path: SummaryPath) -> Double? {
        guard let part = part(of: path) else { return nil }
        if built.insert(part).inserted { build(part) }
        return partial.number(at: path)
    }

    /// The part an entry's path lies in, found by the name the summary gives the entry; nil for an entry
    /// the summary has not.
    private func part(of path: SummaryPath) -> Part? {
        let simulation = simulation
        func pattern(_ name: String) -> PatternID? { simulation.patterns.ids.first { simulation.patterns[$0].spec.name == name } }
        switch path {
        case .total: return .totals
        case .queue(let name, _): return simulation.broker.queues.contains { $0.name == name } ? .queue(name) : nil
        case .group(let name, _):
            return simulation.consumers.streamIDs.first { simulation.consumers[$0].group.id.description == name }.map(Part.group)
        case .pattern(let name, _): return pattern(name).map(Part.pattern)
        case .downstream(let name, _): return simulation.downstreams.ids.first { simulation.downstreams[$0].spec.name == name }.map(Part.downstream)
        case .connector(let name, _): return pattern(name).map(Part.connector)
        case .readModel(let name, _): return pattern(name).map(Part.readModel)
        }
    }

    private mutating func build(_ part: Part) {
        let simulation = simulation
        switch part {
        case .totals:
            partial.totals = simulation.summaryTotals(simulation.broker.snapshot())
        case .queue(let name):
            // Named by the broker's own list of queues a moment ago.
            guard let queue = simulation.brokerCall("queue \(name) for a lesson trigger", { () throws(BrokerError) in
                try simulation.broker.queue(name)
            }) else { return }
            partial.queues += [simulation.queueSummary(queue.snapshot())].compactMap { $0 }
        case .group(let id):
            let group = simulation.consumers[id].group
            let logStarts = (0..<group.topic.partitionCount).map { simulation.logStart(of: group.topic, partition: $0) }
            partial.groups.append(simulation.groupSummary(stream: id, group: group.snapshot(), logStarts: logStarts))
        case .pattern(let id): partial.patterns.append(simulation.patternSummary(id))
        case .downstream(let id): partial.downstreams.append(simulation.downstreamSummary(id))
        case .connector(let id): partial.connectors += [simulation.connectorSummary(id)].compactMap { $0 }
        case .readModel(let id): partial.readModels += [simulation.readModelSummary(id)].compactMap { $0 }
        }
    }
}
