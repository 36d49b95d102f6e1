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
    }

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

    public init() {}

    /// A new producer id at epoch 0, or, for a producer that had one, the same id at the next epoch.
    public func initProducer(existing: (id: Int64, epoch: Int16)? = nil) -> (id: Int64, epoch: Int16) {
        state.withLock { state in
            if let existing, existing.id >= 0 { return (existing.id, existing.epoch &+ 1) }
            state.nextProducerId += 1
            return (state.nextProducerId - 1, 0)
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
public enum ProducerSequenceError: Error, Equatable, Sendable {
    case outOfOrder(expected: Int32, got: Int32)
    case staleEpoch(current: Int16, got: Int16)
    case broker(BrokerError)
}
