import Broker
import SluiceModel

/// Where a producer's messages go.
enum MessageTarget {
    case stream(Topic)
    case queue(WorkQueue)

    var name: String {
        switch self {
        case .stream(let topic): topic.name
        case .queue(let queue): queue.name
        }
    }
}

/// A running producer: its rate, its own random stream, and what became of what it offered.
struct ProducerState {
    let spec: ProducerSpec
    let target: MessageTarget
    var random: SeededGenerator
    let zipf: ZipfSampler?
    let payload: PayloadTemplate
    /// The configured rate, as changed by the rate schedule.
    var baseRate: Double
    /// Faults and the dashboard multiply the rate.
    var multiplier = 1.0
    /// Bumped when the rate changes, so a pending arrival drawn at the old rate is ignored.
    var generation = 0
    var sequence: Int64 = 0
    var offered: Int64 = 0
    var produced: Int64 = 0
    var rejected: Int64 = 0
    var deduplicated: Int64 = 0
    /// Messages a full queue (overflow "block") has not taken yet, oldest first.
    var blocked = Ring<QueueMessage>()
    /// The simulated second of the last rejection written to the event log.
    var lastRejectionLogged: Int64 = -1

    init(spec: ProducerSpec, target: MessageTarget, random: SeededGenerator) {
        self.spec = spec
        self.target = target
        self.random = random
        baseRate = spec.rate
        payload = PayloadTemplate(spec.payload)
        zipf = if case .zipf(let count, let exponent) = spec.keys { ZipfSampler(count: count, exponent: exponent) } else { nil }
    }

    var rate: Double { baseRate * multiplier }

    /// The key of the next message, drawn from the key distribution.
    mutating func nextKey() -> String? {
        switch spec.keys {
        case .none: return nil
        case .uniform(let count): return "k\(random.nextIndex(below: count))"
        case .zipf: return zipf.map { "k\($0.sample(using: &random))" }
        }
    }

    /// The next message's sequence number, id, key and payload.
    mutating func nextMessage(poison: Bool = false) -> (id: String, key: String?, value: [UInt8], headers: [Header]) {
        sequence += 1
        let id = "\(spec.name)-\(sequence)"
        let key = nextKey()
        let value = payload.render(sequence: sequence, key: key, id: id, producer: spec.name)
        return (id, key, value, poison ? [PoisonMark.header] : [])
    }
}

/// Marks a message that every consumer fails on: what the `poison` fault and command send.
enum PoisonMark {
    static let header = Header("x-sluice-poison", Array("1".utf8))

    static func isMarked(_ headers: [Header]) -> Bool { headers.contains { $0.name == header.name } }
}
