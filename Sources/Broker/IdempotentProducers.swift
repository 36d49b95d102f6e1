public import SluiceModel
import Synchronization

/// Producer ids and the sequence numbers each producer has used per partition: what makes a retried
/// batch land once, and a lost one show as a gap (Kafka's idempotent producer).
public final class IdempotentProducers: Sendable {
    private let state = Mutex(State())

    /// How many recent batches per producer and partition are remembered to recognise a retry (Kafka keeps five).
    static let rememberedBatches = 5

    private struct State {
        var nextProducerId: Int64 = 1000
        var sequences: [Key: Sequence] = [:]
        /// Who asked for each producer id, and what it has written since.
        var producers: [Int64: Activity] = [:]
    }

    private struct Activity {
        var clientId: String
        var epoch: Int16
        var topics: Set<String> = []
        var records: Int64 = 0
        var rate: RateMeter
    }

    /// Where producer rates read time; nil keeps no rates (tests of sequences alone).
    private let clock: (any BrokerClock)?

    public init(clock: (any BrokerClock)? = nil) { self.clock = clock }

    private struct Key: Hashable {
        let producerId: Int64
        let topic: String
        let partition: Int
    }

    private struct Sequence {
        var epoch: Int16
        var lastSequence: Int32
        var recent: [(firstSequence: Int32, lastSequence: Int32, baseOffset: Int64)]
    }

    /// A new producer id at epoch 0, or, for a producer that had one, the same id at the next epoch.
    /// `clientId` names the producer on the dashboard.
    public func initProducer(existing: (id: Int64, epoch: Int16)? = nil, clientId: String = "") -> (id: Int64, epoch: Int16) {
        let now = clock?.now() ?? 0
        return state.withLock { state in
            let given: (id: Int64, epoch: Int16)
            if let existing, existing.id >= 0 {
                given = (existing.id, existing.epoch &+ 1)
            } else {
                state.nextProducerId += 1
                given = (state.nextProducerId - 1, 0)
            }
            var activity = state.producers[given.id] ?? Activity(clientId: clientId, epoch: given.epoch, rate: RateMeter(now: now))
            activity.epoch = given.epoch
            state.producers[given.id] = activity
            return given
        }
    }

    /// Every idempotent producer seen, by id: its client id, epoch, the topics it wrote to and its record rate.
    public func snapshot() -> [ProducerSnapshot] {
        let now = clock?.now() ?? 0
        return state.withLock { state in
            state.producers.sorted { $0.key < $1.key }.map { id, activity in
                ProducerSnapshot(name: "\(activity.clientId) (producer id \(id), epoch \(activity.epoch))",
                                 target: activity.topics.sorted().joined(separator: ","),
                                 ratePerSecond: activity.rate.perSecond(at: now))
            }
        }
    }

    /// What became of a sequenced batch.
    public enum Outcome: Sendable, Equatable {
        case appended(baseOffset: Int64)
        /// The producer sent this batch before (a retry): nothing was stored again.
        case duplicate(baseOffset: Int64)
    }

    /// Checks a batch of `count` records starting at `baseSequence` against what the producer sent to this
    /// partition before, and calls `append` (which returns the base offset) only for a new batch in order.
    public func append(
        producerId: Int64, epoch: Int16, baseSequence: Int32, count: Int32, topic: String, partition: Int,
        _ append: () throws(BrokerError) -> Int64
    ) throws(ProducerSequenceError) -> Outcome {
        let key = Key(producerId: producerId, topic: topic, partition: partition)
        let lastSequence = Self.advance(baseSequence, by: count - 1)
        return try state.withLock { (state) throws(ProducerSequenceError) -> Outcome in
            let known = state.sequences[key]
            if let known {
                guard epoch >= known.epoch else { throw .staleEpoch(current: known.epoch, got: epoch) }
                if epoch == known.epoch {
                    if let retry = known.recent.first(where: { $0.firstSequence == baseSequence && $0.lastSequence == lastSequence }) {
                        return .duplicate(baseOffset: retry.baseOffset)
                    }
                    let expected = Self.advance(known.lastSequence, by: 1)
                    guard baseSequence == expected else { throw .outOfOrder(expected: expected, got: baseSequence) }
                } else if baseSequence != 0 {
                    throw .outOfOrder(expected: 0, got: baseSequence)
                }
            } else if baseSequence != 0 {
                throw .outOfOrder(expected: 0, got: baseSequence)
            }
            let baseOffset: Int64
            do throws(BrokerError) { baseOffset = try append() } catch { throw .broker(error) }
            var sequence = (known?.epoch == epoch ? known : nil) ?? Sequence(epoch: epoch, lastSequence: -1, recent: [])
            sequence.lastSequence = lastSequence
            sequence.recent.append((baseSequence, lastSequence, baseOffset))
            if sequence.recent.count > Self.rememberedBatches { sequence.recent.removeFirst() }
            state.sequences[key] = sequence
            if let clock {
                state.producers[producerId]?.topics.insert(topic)
                state.producers[producerId]?.records += Int64(count)
                state.producers[producerId]?.rate.record(Int(count), at: clock.now())
            }
            return .appended(baseOffset: baseOffset)
        }
    }

    /// Sequence numbers wrap from Int32.max to 0.
    public static func advance(_ sequence: Int32, by count: Int32) -> Int32 {
        let next = Int64(sequence) + Int64(count)
        return Int32(next > Int64(Int32.max) ? next - Int64(Int32.max) - 1 : next)
    }
}

/// Why a sequenced batch was refused; Kafka's OUT_OF_ORDER_SEQUENCE_NUMBER and INVALID_PRODUCER_EPOCH.
/// Its description goes back to the client as the produce's error message.
public enum ProducerSequenceError: Error, Equatable, Sendable, CustomStringConvertible {
    case outOfOrder(expected: Int32, got: Int32)
    case staleEpoch(current: Int16, got: Int16)
    case broker(BrokerError)

    public var description: String {
        switch self {
        case let .outOfOrder(expected, got): "expected sequence \(expected), got \(got)"
        case let .staleEpoch(current, got): "producer epoch \(got) is older than the current \(current)"
        case .broker(let error): error.description
        }
    }
}
