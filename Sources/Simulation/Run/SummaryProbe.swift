import Broker
import SluiceModel

/// Reads single numbers of the run summary, each as `summary()` gives it, building only the part of the
/// summary its key lies in: the totals, or one entry of a section (a queue, a group, a pattern, a
/// downstream, a connector, a read model), each at most once. A pending lesson trigger reads through one
/// every simulated second; it used to build the whole summary (two broker snapshots, every entry, the
/// event-sourced streams replayed) to read one or two numbers.
///
/// Unlike `summary()` it checks no invariant: reading must not stop or change the run.
struct SummaryProbe {
    private let simulation: Simulation
    private var built: [Part: JSONValue] = [:]

    /// What one key reads.
    private enum Part: Hashable {
        case totals
        case queue(String)
        case group(ConsumerID)
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

    /// The number at `dotted` (`final_lag`, `queues.emails.waiting`); nil where the summary has none.
    mutating func value(_ dotted: String) -> Double? {
        guard let (part, key) = locate(dotted) else { return nil }
        if built[part] == nil { built[part] = build(part) }
        return built[part]?.lookup(key)?.numberValue
    }

    /// The part a key lies in and the key within it. Entries are matched longest name first, as a lookup
    /// in the whole summary matches them (a queue may be called `emails` and another `emails.dlq`).
    private func locate(_ dotted: String) -> (Part, String)? {
        if SummaryKey.named(dotted, in: .totals) != nil { return (.totals, dotted) }
        for section in SummaryKey.Section.allCases where section != .totals && dotted.hasPrefix(section.rawValue + ".") {
            let rest = dotted.dropFirst(section.rawValue.count + 1)
            let candidates = entries(of: section).sorted { $0.name.count > $1.name.count }
            guard let entry = candidates.first(where: { rest.hasPrefix($0.name + ".") }) else { return nil }
            return (entry.part, String(rest.dropFirst(entry.name.count + 1)))
        }
        return nil
    }

    /// A section's entries as the summary names them, in its order.
    private func entries(of section: SummaryKey.Section) -> [(name: String, part: Part)] {
        let simulation = simulation
        switch section {
        case .totals: return []
        case .queues: return simulation.broker.queues.map { ($0.name, .queue($0.name)) }
        case .groups: return simulation.streamConsumers.map { (simulation.consumers[$0].sourceName, .group($0)) }
        case .patterns: return simulation.patterns.ids.map { (simulation.patterns[$0].spec.name, .pattern($0)) }
        case .downstreams: return simulation.downstreams.ids.map { (simulation.downstreams[$0].spec.name, .downstream($0)) }
        case .connectors:
            return simulation.patterns.ids.filter { simulation.patterns[$0].spec.kind == .cdc }
                .map { (simulation.patterns[$0].spec.name, .connector($0)) }
        case .readModels:
            return simulation.patterns.ids.filter { simulation.patterns[$0].readModel != nil }
                .map { (simulation.patterns[$0].spec.name, .readModel($0)) }
        }
    }

    private func build(_ part: Part) -> JSONValue? {
        switch part {
        case .totals:
            return .object(simulation.summaryTotals(simulation.broker.snapshot()))
        case .queue(let name):
            // Named by the broker's own list of queues a moment ago.
            guard let queue = simulation.brokerCall("queue \(name) for a lesson trigger", { () throws(BrokerError) in
                try simulation.broker.queue(name)
            }) else { return nil }
            return simulation.queueSummary(queue.snapshot())?.1
        case .group(let id):
            guard case .stream(let group, let topic) = simulation.consumers[id].source else { return nil }
            let logStarts = (0..<topic.partitionCount).map { topic.logStart(ofPartition: $0) }
            return simulation.groupSummary(consumer: id, group: group.snapshot(), logStarts: logStarts).1
        case .pattern(let id): return simulation.patternSummary(id).1
        case .downstream(let id): return simulation.downstreamSummary(id).1
        case .connector(let id): return simulation.connectorSummary(id)?.1
        case .readModel(let id): return simulation.readModelSummary(id)?.1
        }
    }
}
