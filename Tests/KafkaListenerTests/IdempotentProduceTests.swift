import Broker
@testable import KafkaListener
import KafkaProtocol
import Testing

@Suite struct IdempotentProduceTests {
    static func produce(_ batch: KafkaRecordBatch, topic: String = "t") throws -> ProduceRequest {
        var request = ProduceRequest()
        request.acks = -1
        var data = ProduceRequest.TopicProduceData()
        data.name = topic
        var partition = ProduceRequest.PartitionProduceData()
        partition.records = try batch.encoded()[...]
        data.partitionData = [partition]
        request.topicData = [data]
        return request
    }

    static func batch(producer: Int64, epoch: Int16 = 0, sequence: Int32, values: [UInt8]) -> KafkaRecordBatch {
        KafkaRecordBatch(baseTimestamp: 1_700_000_000_000,
                         records: values.enumerated().map { KafkaRecord(offsetDelta: Int32($0.offset), value: [$0.element]) },
                         producerId: producer, producerEpoch: epoch, baseSequence: sequence)
    }

    @Test func aRetriedBatchIsAcknowledgedWithItsFirstOffsetAndStoredOnceAndAGapIsRefused() throws {
        var harness = ServiceHarness()
        let topic = try harness.broker.createTopic("t", partitions: 1)
        let initialised = try harness.send(InitProducerIdRequest(), version: 4, expecting: InitProducerIdResponse.self)
        #expect(initialised.errorCode == 0 && initialised.producerId >= 0 && initialised.producerEpoch == 0)
        let id = initialised.producerId

        func send(_ batch: KafkaRecordBatch) throws -> ProduceResponse.PartitionProduceResponse {
            try #require(try harness.send(Self.produce(batch), version: 9, expecting: ProduceResponse.self)
                .responses.first?.partitionResponses.first)
        }
        #expect(try send(Self.batch(producer: id, sequence: 0, values: [1, 2, 3])).baseOffset == 0)
        #expect(try send(Self.batch(producer: id, sequence: 3, values: [4])).baseOffset == 3)
        let retry = try send(Self.batch(producer: id, sequence: 0, values: [1, 2, 3]))
        #expect(retry.errorCode == 0 && retry.baseOffset == 0)
        #expect(try topic.logEndOffset(partition: 0) == 4, "the retry was not stored again")
        #expect(try send(Self.batch(producer: id, sequence: 9, values: [5])).errorCode == 45)
        #expect(try send(Self.batch(producer: -1, sequence: -1, values: [6])).baseOffset == 4, "no producer id, no checks")
        #expect(try topic.read(partition: 0, from: 0, max: 10).map(\.value) == [[1], [2], [3], [4], [6]])
    }

    @Test func aTransactionalProducerIsRefused() throws {
        var harness = ServiceHarness()
        var request = InitProducerIdRequest()
        request.transactionalId = "tx"
        #expect(try harness.send(request, version: 4, expecting: InitProducerIdResponse.self).errorCode == 42)
    }

    @Test func aProduceWithAcksZeroIsStoredAndNotAnswered() throws {
        let harness = ServiceHarness()
        let topic = try harness.broker.createTopic("t", partitions: 1)
        var request = try Self.produce(Self.batch(producer: -1, sequence: -1, values: [1, 2]))
        request.acks = 0
        var header = RequestHeader()
        header.requestApiKey = KafkaApiKey.produce.rawValue
        header.requestApiVersion = 9
        guard case .noResponse = harness.service.handle(frame: try KafkaFrame.encodeRequest(header: header, body: request)) else {
            Issue.record("acks=0 was answered; the client would read it as the answer to its next request")
            return
        }
        #expect(try topic.logEndOffset(partition: 0) == 2)
    }
}
