import Broker
import KafkaProtocol
@testable import KafkaListener
import SluiceModel
import Testing

/// A produce into a topic that refuses when full (`discard = new`) lands whole or not at all, and the client
/// is told why in words, not in a Swift value's dump.
@Suite struct FullTopicProduceTests {
    @Test func aBatchThatDoesNotFitIsRefusedWholeWithTheReason() throws {
        var harness = ServiceHarness()
        let topic = try harness.broker.createTopic("t", partitions: 1, retention: Retention(maxMessages: 4, discard: .new))
        func send(_ values: [UInt8]) throws -> ProduceResponse.PartitionProduceResponse {
            let batch = IdempotentProduceTests.batch(producer: -1, sequence: -1, values: values)
            return try #require(try harness.send(IdempotentProduceTests.produce(batch), version: 9, expecting: ProduceResponse.self)
                .responses.first?.partitionResponses.first)
        }
        #expect(try send([1, 2, 3]).errorCode == 0)
        let refused = try send([4, 5])
        #expect(refused.errorCode == KafkaErrorCode.unknownServerError.rawValue)
        #expect(refused.errorMessage == "t[0] is full (max messages 4) and its discard policy is 'new': append rejected")
        #expect(try topic.logEndOffset(partition: 0) == 3, "the record that fitted was not stored either")
        #expect(try send([4]).errorCode == 0)
        #expect(try topic.read(partition: 0, from: 0, max: 10).map(\.value) == [[1], [2], [3], [4]])
    }
}
