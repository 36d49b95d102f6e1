import Broker
import SluiceModel

/// A running pattern model (outbox, dual write, saga, CDC, event sourcing).
struct PatternState {
    let spec: PatternSpec
    let topic: Topic
    var random: SeededGenerator
    var multiplier = 1.0
    var generation = 0
    var operations: Int64 = 0
    var produced: Int64 = 0

    var rate: Double { spec.rate * multiplier }
}

extension Simulation {
    func buildPatterns() throws(BrokerError) {
        for spec in scenario.patterns {
            patterns.append(PatternState(spec: spec, topic: try broker.topic(spec.target), random: random.fork()))
        }
    }

    var patternsProduced: Int64 { patterns.reduce(0) { $0 + $1.produced } }

    func patternStep(index: Int, operation: Int64) {}

    func patternSummary() -> [(String, JSONValue)] { [] }

    func setPatternRate(_ index: Int, multiplier: Double) {
        patterns[index].multiplier = multiplier
        patterns[index].generation += 1
    }
}
