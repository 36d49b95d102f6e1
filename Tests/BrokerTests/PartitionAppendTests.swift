import Broker
import SluiceModel
import Testing

@Suite struct PartitionAppendTests {
    @Test func aBatchTakesConsecutiveOffsetsAndReturnsTheFirst() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 2)
        #expect(try topic.append([ProducerRecord(value: [1]), ProducerRecord(value: [2])], toPartition: 1) == 0)
        #expect(try topic.append([ProducerRecord(value: [3])], toPartition: 1) == 2)
        #expect(try topic.append([], toPartition: 1) == 3)
        #expect(try topic.logEndOffset(partition: 1) == 3)
        #expect(try topic.logEndOffset(partition: 0) == 0)
        #expect(try topic.read(partition: 1, from: 0, max: 10).map(\.value) == [[1], [2], [3]])
    }

    @Test func aBatchWithOneRefusedRecordStoresNothing() throws {
        let (broker, _) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        let tooLongId = String(repeating: "x", count: 70_000)
        #expect(throws: BrokerError.self) {
            try topic.append([ProducerRecord(value: [1]), ProducerRecord(value: [2], messageId: tooLongId)], toPartition: 0)
        }
        #expect(try topic.logEndOffset(partition: 0) == 0)
        #expect(throws: BrokerError.partitionOutOfRange(topic: "t", partition: 5, partitionCount: 1)) {
            try topic.append([ProducerRecord(value: [1])], toPartition: 5)
        }
    }

    @Test func positionsResolveToOffsetsInOnePartition() throws {
        let (broker, clock) = makeBroker()
        let topic = try broker.createTopic("t", partitions: 1)
        for step in 0..<5 {
            clock.set(to: Nanos(step) * second)
            _ = try topic.append([ProducerRecord(value: [UInt8(step)])], toPartition: 0)
        }
        #expect(try topic.offset(of: .earliest, partition: 0) == 0)
        #expect(try topic.offset(of: .latest, partition: 0) == 5)
        #expect(try topic.offset(of: .time(2 * second + 1), partition: 0) == 3)
        #expect(try topic.offset(of: .offset(99), partition: 0) == 5)
    }
}
