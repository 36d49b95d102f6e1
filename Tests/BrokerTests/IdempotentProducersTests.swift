import Broker
import Testing

@Suite struct IdempotentProducersTests {
    @Test func aRetriedBatchLandsOnceAndAGapIsRefused() throws {
        let producers = IdempotentProducers()
        let (id, epoch) = producers.initProducer()
        var log: [Int] = []
        func append(_ count: Int) -> Int64 {
            defer { log += Array(repeating: 1, count: count) }
            return Int64(log.count)
        }
        #expect(try producers.append(producerId: id, epoch: epoch, baseSequence: 0, count: 3, topic: "t", partition: 0) { append(3) }
                == .appended(baseOffset: 0))
        #expect(try producers.append(producerId: id, epoch: epoch, baseSequence: 3, count: 2, topic: "t", partition: 0) { append(2) }
                == .appended(baseOffset: 3))
        #expect(try producers.append(producerId: id, epoch: epoch, baseSequence: 0, count: 3, topic: "t", partition: 0) { append(3) }
                == .duplicate(baseOffset: 0))
        #expect(log.count == 5, "the retry stored nothing")
        #expect(throws: ProducerSequenceError.outOfOrder(expected: 5, got: 7)) {
            try producers.append(producerId: id, epoch: epoch, baseSequence: 7, count: 1, topic: "t", partition: 0) { append(1) }
        }
        // Another partition has its own sequence, starting at 0.
        #expect(throws: ProducerSequenceError.outOfOrder(expected: 0, got: 5)) {
            try producers.append(producerId: id, epoch: epoch, baseSequence: 5, count: 1, topic: "t", partition: 1) { append(1) }
        }
        #expect(log.count == 5)
    }

    @Test func aNewEpochStartsAgainAtZeroAndFencesTheOldOne() throws {
        let producers = IdempotentProducers()
        let first = producers.initProducer()
        let other = producers.initProducer()
        #expect(other.id != first.id && first.epoch == 0)
        _ = try producers.append(producerId: first.id, epoch: 0, baseSequence: 0, count: 4, topic: "t", partition: 0) { 0 }
        let bumped = producers.initProducer(existing: first)
        #expect(bumped.id == first.id && bumped.epoch == 1)
        #expect(try producers.append(producerId: first.id, epoch: 1, baseSequence: 0, count: 1, topic: "t", partition: 0) { 4 }
                == .appended(baseOffset: 4))
        #expect(throws: ProducerSequenceError.staleEpoch(current: 1, got: 0)) {
            try producers.append(producerId: first.id, epoch: 0, baseSequence: 4, count: 1, topic: "t", partition: 0) { 5 }
        }
    }

    @Test func sequencesWrapAtInt32Max() {
        #expect(IdempotentProducers.advance(Int32.max, by: 1) == 0)
        #expect(IdempotentProducers.advance(Int32.max - 1, by: 3) == 1)
        #expect(IdempotentProducers.advance(5, by: 0) == 5)
    }
}
