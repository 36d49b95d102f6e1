import SluiceModel
import TOMLKit

/// What a scenario asks of the machine, checked before anything runs so that a valid file cannot
/// exhaust memory or time: how many tables, partitions and instances, and how many messages offered.
extension Scenario {
    /// The fastest `name` (a producer or a pattern) ever offers: its highest scheduled rate times the
    /// largest multiplier a rate fault sets on it.
    func peakRate(of name: String) -> Double {
        baseRate(of: name) * faults.filter { $0.action == .rate && $0.target == name }.compactMap(\.value).reduce(1, max)
    }

    /// The highest rate `name` is given before faults: its own, or one in its schedule.
    func baseRate(of name: String) -> Double {
        if let producer = producers.first(where: { $0.name == name }) {
            return producer.schedule.reduce(producer.rate) { max($0, $1.rate) }
        }
        return patterns.first { $0.name == name }?.rate ?? 0
    }

    /// An upper bound on the messages offered over `duration`: every producer and pattern at its peak rate.
    func offeredBound(over duration: Nanos) -> Double {
        let seconds = Double(duration) / Double(NanosPerUnit.second)
        return (producers.map(\.name) + patterns.map(\.name)).reduce(0) { $0 + peakRate(of: $1) * seconds }
    }

    /// The producer or pattern offering the most over the run, for an error to point at.
    var heaviestSource: String? {
        (producers.map(\.name) + patterns.map(\.name)).max { peakRate(of: $0) < peakRate(of: $1) }
    }

    /// Refuses a run of `duration` that would offer more than `ScenarioLimits.mostOfferedMessages`;
    /// `refuse` words the error for where the duration came from (the file or `--duration`).
    func checkOfferedLoad(over duration: Nanos, refuse: (String) -> ScenarioError) throws(ScenarioError) {
        let offered = offeredBound(over: duration)
        guard offered > ScenarioLimits.mostOfferedMessages else { return }
        throw refuse("a run of \(DurationText.format(duration)) would offer up to \(JSONText.number(offered.rounded())) messages "
                     + "(each producer at its peak rate, after rate faults; the busiest is \(heaviestSource ?? "?")), "
                     + "more than the \(JSONText.number(ScenarioLimits.mostOfferedMessages)) a run may take; lower a rate or the duration")
    }
}

extension ScenarioSchema {
    /// Counts the tables of each kind before reading them: a file of a million empty tables is refused
    /// at the first one past the limit, with its line.
    func checkTableCounts() throws(ScenarioError) {
        for (section, most) in ScenarioLimits.mostTables {
            let tables = try root.tables(section)
            guard tables.count > most else { continue }
            throw tables[most].error(nil, "at most \(most) [[\(section)]] tables in a file; this is one more")
        }
    }

    /// Totals over the whole file: partitions, consumer instances (after scale faults), offered messages.
    func checkTotals(_ scenario: Scenario) throws(ScenarioError) {
        var partitions = 0
        for (position, stream) in scenario.streams.enumerated() {
            partitions += stream.partitions
            guard partitions > ScenarioLimits.mostPartitions else { continue }
            throw try root.tables("stream")[position].error(
                "partitions", "all streams together may have at most \(ScenarioLimits.mostPartitions) partitions; this one brings them to \(partitions)")
        }
        var instances = 0
        for (position, consumer) in scenario.consumers.enumerated() {
            let scaled = scenario.faults.filter { $0.action == .scale && $0.target == consumer.name }.compactMap { $0.value.map(Int.init) }
            let most = scaled.reduce(consumer.instances, max)
            if most * consumer.concurrency > ScenarioLimits.mostServiceSlots {
                throw try root.tables("consumer")[position].error(
                    "concurrency", "expected instances × concurrency of at most \(ScenarioLimits.mostServiceSlots) after scale faults, "
                        + "got \(most) × \(consumer.concurrency)")
            }
            instances += most
            guard instances > ScenarioLimits.mostInstances else { continue }
            throw try root.tables("consumer")[position].error(
                "instances", "all consumers together may have at most \(ScenarioLimits.mostInstances) instances; this one brings them to \(instances)")
        }
        let source = scenario.heaviestSource ?? ""
        let section = scenario.producers.contains { $0.name == source } ? "producer" : "pattern"
        let reader = try root.tables(section).first { $0.table["name"]?.string == source }
        try scenario.checkOfferedLoad(over: scenario.duration) { reader?.error("rate", $0) ?? root.error("scenario", $0) }
    }
}
