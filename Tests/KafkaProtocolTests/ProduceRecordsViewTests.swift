import KafkaProtocol
import Testing

/// A produce request's records are read as a view of its frame: the batches are checked and stored from the bytes
/// they came in, with no copy of a megabyte per request on the way.
@Suite struct ProduceRecordsViewTests {
    @Test(arguments: KafkaCompression.allCases)
    func theRecordsAndEachBatchLieInsideTheFrame(codec: KafkaCompression) throws {
        let frame = try Fixture.load("librdkafka-2.16-\(codec)-Produce-v10-request.bin").bytes
        let produce = try #require(try KafkaFrame.decodeRequest(frame).body as? ProduceRequest)
        let records = try #require(produce.topicData.first?.partitionData.first?.records)
        let batches = try KafkaBatchIndex.indexAll(records)
        #expect(batches.count == 1)
        frame.withUnsafeBytes { frameBytes in
            for view in [records] + batches.map(\.wire) {
                view.withUnsafeBytes { bytes in
                    let inside = bytes.baseAddress.map { start in
                        start >= frameBytes.baseAddress! && start + bytes.count <= frameBytes.baseAddress! + frameBytes.count
                    }
                    #expect(inside == true, "\(bytes.count) bytes not read in place")
                }
            }
        }
        #expect(try KafkaRecordBatch.decodeAll(records).flatMap(\.records).map(\.key)
                == RecordBatchTests.capturedRecords.map { Array($0.key.utf8) })
    }
}
