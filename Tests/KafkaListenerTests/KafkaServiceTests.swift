import Broker
@testable import KafkaListener
import KafkaProtocol
import SluiceModel
import Testing

@Suite struct KafkaServiceTests {
    @Test func apiVersionsAdvertisesExactlyWhatIsImplemented() throws {
        var harness = ServiceHarness()
        let response = try harness.send(ApiVersionsRequest(), version: 3, expecting: ApiVersionsResponse.self)
        #expect(response.errorCode == 0)
        let advertised = Dictionary(uniqueKeysWithValues: response.apiKeys.map { ($0.apiKey, $0.minVersion...$0.maxVersion) })
        #expect(advertised == [0: 3...11, 1: 4...12, 2: 1...10, 3: 0...12, 18: 0...4, 19: 0...7,
                               8: 0...9, 9: 0...7, 10: 0...6, 11: 0...9, 12: 0...4, 13: 0...5, 14: 0...5, 22: 0...5,
                               15: 0...5, 16: 0...5, 42: 0...2, 47: 0...0, 60: 0...1, 32: 0...4, 20: 0...6, 37: 0...3])
        // Whatever is advertised must have a handler: an empty request at the highest version gets an answer.
        for (key, versions) in advertised {
            let api = try #require(KafkaApiKey(rawValue: key))
            var header = RequestHeader()
            header.requestApiKey = key
            header.requestApiVersion = versions.upperBound
            let frame = try KafkaFrame.encodeRequest(header: header, body: api.requestType.init())
            if case .close(let reason) = harness.service.handle(frame: frame) { Issue.record("\(api): \(reason)") }
        }
    }

    @Test func anApiVersionsRequestFromTheFutureGetsTheVersionZeroErrorWithTheSupportedRange() throws {
        // A client newer than this codec sends ApiVersions v9; Kafka answers in v0 with UNSUPPORTED_VERSION.
        let frame: [UInt8] = [0, 18, 0, 9, 0, 0, 0, 7, 0, 0]
        let harness = ServiceHarness()
        let response: ApiVersionsResponse = try harness.decode(harness.service.handle(frame: frame), api: .apiVersions, version: 0)
        #expect(response.errorCode == 35)
        #expect(response.apiKeys.contains { $0.apiKey == 18 && $0.maxVersion == 4 })
    }

    @Test func anUnadvertisedApiClosesTheConnectionWithAReason() throws {
        let harness = ServiceHarness()
        // AddPartitionsToTxn (key 24): transactions are out of scope, so neither the codec nor ApiVersions has it.
        let frame: [UInt8] = [0, 24, 0, 3, 0, 0, 0, 9, 0, 0]
        guard case .close(let reason) = harness.service.handle(frame: frame) else {
            Issue.record("a transactional API must not be answered")
            return
        }
        #expect(reason.contains("API key 24 v3 is not supported"))
        guard case .close = harness.service.handle(frame: [0, 1, 2]) else { Issue.record("garbage answered"); return }
    }

    @Test func metadataCreatesAnUnknownTopicAndAdvertisesThisBroker() throws {
        var harness = ServiceHarness()
        var request = MetadataRequest()
        var wanted = MetadataRequest.MetadataRequestTopic()
        wanted.name = "orders"
        request.topics = [wanted]
        let response = try harness.send(request, version: 12, expecting: MetadataResponse.self)
        #expect(response.brokers.map(\.port) == [9092])
        #expect(response.brokers.map(\.host) == ["127.0.0.1"])
        #expect(response.topics.map(\.name) == ["orders"])
        #expect(response.topics.first?.partitions.map(\.partitionIndex) == [0, 1, 2])
        #expect(try harness.broker.topic("orders").partitionCount == 3)

        request.allowAutoTopicCreation = false
        wanted.name = "payments"
        request.topics = [wanted]
        let refused = try harness.send(request, version: 12, expecting: MetadataResponse.self)
        #expect(refused.topics.first?.errorCode == 3)
        #expect((try? harness.broker.topic("payments")) == nil)
    }

    @Test func createTopicsCreatesRefusesDuplicatesAndBadNames() throws {
        var harness = ServiceHarness()
        var request = CreateTopicsRequest()
        request.topics = [("a", 5), ("a", 1), ("bad name!", 1), ("zero", 0), ("huge", 2_000_000_000)].map { name, partitions in
            var topic = CreateTopicsRequest.CreatableTopic()
            topic.name = name
            topic.numPartitions = Int32(partitions)
            topic.replicationFactor = 1
            return topic
        }
        let response = try harness.send(request, version: 7, expecting: CreateTopicsResponse.self)
        #expect(response.topics.map(\.errorCode) == [0, 36, 17, 37, 37])
        #expect((try? harness.broker.topic("huge")) == nil)
        #expect(try harness.broker.topic("a").partitionCount == 5)
    }

    @Test func aCapturedLibrdkafkaProduceIsStoredAndFetchedBackAsTheSameBytes() throws {
        var harness = ServiceHarness()
        try harness.broker.createTopic("t-none", partitions: 1)
        let frame = try capturedFrame("librdkafka-2.16-none-Produce-v10-request.bin")
        let produced: ProduceResponse = try harness.decode(harness.service.handle(frame: frame), api: .produce, version: 10)
        let partition = try #require(produced.responses.first?.partitionResponses.first)
        #expect(partition.errorCode == 0)
        #expect(partition.baseOffset == 0)
        #expect(try harness.broker.topic("t-none").logEndOffset(partition: 0) == 5)

        var fetch = FetchRequest()
        var topic = FetchRequest.FetchTopic()
        topic.topic = "t-none"
        var wanted = FetchRequest.FetchPartition()
        wanted.partition = 0
        wanted.fetchOffset = 2
        wanted.partitionMaxBytes = 1 << 20
        topic.partitions = [wanted]
        fetch.topics = [topic]
        fetch.maxBytes = 1 << 20
        let response = try harness.send(fetch, version: 12, expecting: FetchResponse.self)
        let data = try #require(response.responses.first?.partitions.first)
        #expect(data.errorCode == 0)
        #expect(data.highWatermark == 5)
        // As from Kafka, the fetch hands out the whole batch holding offset 2 (the client skips what it has),
        // byte for byte as the producer sent it but for the two fields a broker sets.
        let records = try #require(data.records)
        let batches = try KafkaRecordBatch.decodeAll(records)
        #expect(batches.first?.baseOffset == 0)
        #expect(batches.flatMap(\.records).map(\.key) == (0..<5).map { Array("key-\($0)".utf8) })
        #expect(batches.flatMap(\.records).map(\.headers) == (0..<5).map { [KafkaRecordHeader(key: "trace", value: Array("t\($0)".utf8))] })
        let request = try #require(try KafkaFrame.decodeRequest(frame).body as? ProduceRequest)
        let sent = Array(try #require(request.topicData.first?.partitionData.first?.records))
        #expect(records.count == sent.count)
        #expect(records[16...] == sent[16...], "a stored batch goes out as it came, CRC and all")
        #expect(Array(records[0..<8]) == [UInt8](repeating: 0, count: 8), "at the base offset the log gave it")
    }

    @Test func aBatchServedFromTheLogFollowsTheOffsetsTheLogGaveIt() throws {
        var harness = ServiceHarness()
        try harness.broker.createTopic("t-none", partitions: 1)
        _ = harness.service.handle(frame: try capturedFrame("librdkafka-2.16-none-Produce-v10-request.bin"))
        // A second batch right after it (without a producer id: the captured one is idempotent, so sending
        // it again would be acknowledged as a retry and not stored).
        let second = IdempotentProduceTests.batch(producer: -1, sequence: -1, values: [5, 6, 7, 8, 9])
        _ = try harness.send(IdempotentProduceTests.produce(second, topic: "t-none"), version: 9, expecting: ProduceResponse.self)
        _ = try harness.broker.topic("t-none").append([ProducerRecord(key: nil, value: Array("own".utf8))], toPartition: 0)
        var fetch = FetchRequest()
        var topic = FetchRequest.FetchTopic()
        topic.topic = "t-none"
        var wanted = FetchRequest.FetchPartition()
        wanted.partitionMaxBytes = 1 << 20
        fetch.maxBytes = 1 << 20
        var fetched: [(offset: Int64, value: [UInt8]?)] = []
        // Each fetch goes on from the offset after the last record the one before handed out.
        while fetched.count < 11 {
            wanted.fetchOffset = Int64(fetched.count)
            topic.partitions = [wanted]
            fetch.topics = [topic]
            let response = try harness.send(fetch, version: 12, expecting: FetchResponse.self)
            let records = try #require(response.responses.first?.partitions.first?.records)
            let batches = try KafkaRecordBatch.decodeAll(records)
            try #require(!batches.isEmpty)
            fetched += batches.flatMap { batch in batch.records.map { (batch.baseOffset + Int64($0.offsetDelta), $0.value) } }
        }
        #expect(fetched.map(\.offset) == Array(0..<11), "two kept batches in a row, then a record of the broker's own")
        #expect(fetched.last?.value == Array("own".utf8))
        #expect(fetched[5..<10].map(\.value) == (5...9).map { [UInt8($0)] })
    }

    @Test func aProduceWithABadCrcIsRefusedAsCorruptAndStoresNothing() throws {
        let harness = ServiceHarness()
        try harness.broker.createTopic("t-gzip", partitions: 1)
        var frame = try capturedFrame("librdkafka-2.16-gzip-Produce-v10-request.bin")
        frame[frame.count - 10] ^= 0xFF  // inside the compressed records, covered by the batch CRC
        let produced: ProduceResponse = try harness.decode(harness.service.handle(frame: frame), api: .produce, version: 10)
        #expect(produced.responses.first?.partitionResponses.first?.errorCode == 2)
        #expect(try harness.broker.topic("t-gzip").logEndOffset(partition: 0) == 0)
    }

    @Test func everyCompressionCodecIsAcceptedFromARealClient() throws {
        for codec in KafkaCompression.allCases {
            let harness = ServiceHarness()
            try harness.broker.createTopic("t-\(codec)", partitions: 1)
            let frame = try capturedFrame("librdkafka-2.16-\(codec)-Produce-v10-request.bin")
            let produced: ProduceResponse = try harness.decode(harness.service.handle(frame: frame), api: .produce, version: 10)
            #expect(produced.responses.first?.partitionResponses.first?.errorCode == 0, "\(codec)")
            let stored = try harness.broker.topic("t-\(codec)").read(partition: 0, from: 0, max: 10)
            #expect(stored.map(\.value) == (0..<5).map { Array(String(repeating: "value \($0) ", count: 20).utf8) }, "\(codec)")
        }
    }

    @Test func listOffsetsAnswersEarliestLatestAndByTime() throws {
        var harness = ServiceHarness()
        let topic = try harness.broker.createTopic("t", partitions: 1)
        let base: Int64 = 1_700_000_000_000
        for index in 0..<4 {
            _ = try topic.append([ProducerRecord(value: [1], timestamp: (base + Int64(index) * 10) * NanosPerUnit.millisecond)],
                                 toPartition: 0)
        }
        var request = ListOffsetsRequest()
        var wanted = ListOffsetsRequest.ListOffsetsTopic()
        wanted.name = "t"
        wanted.partitions = [-2, -1, base + 15, base + 99].map { timestamp in
            var partition = ListOffsetsRequest.ListOffsetsPartition()
            partition.timestamp = timestamp
            return partition
        }
        request.topics = [wanted]
        let response = try harness.send(request, version: 7, expecting: ListOffsetsResponse.self)
        let answers = try #require(response.topics.first?.partitions)
        #expect(answers.map(\.offset) == [0, 4, 2, -1])
        #expect(answers[2].timestamp == base + 20)
    }

    @Test func anEmptyFetchWaitsAndThenAnswersWithWhatArrived() throws {
        let harness = ServiceHarness()
        let topic = try harness.broker.createTopic("t", partitions: 1)
        var fetch = FetchRequest()
        var wanted = FetchRequest.FetchTopic()
        wanted.topic = "t"
        var partition = FetchRequest.FetchPartition()
        partition.partitionMaxBytes = 1 << 20
        wanted.partitions = [partition]
        fetch.topics = [wanted]
        fetch.maxBytes = 1 << 20
        fetch.maxWaitMs = 500
        fetch.minBytes = 1
        var header = RequestHeader()
        header.requestApiKey = 1
        header.requestApiVersion = 11
        header.correlationId = 77
        guard case .wait(let wait) = harness.service.handle(frame: try KafkaFrame.encodeRequest(header: header, body: fetch)) else {
            Issue.record("an empty fetch with MaxWaitMs answered at once")
            return
        }
        #expect(wait.maxWaitMilliseconds == 500)
        #expect(wait.attempt(false) == nil)
        _ = try topic.append([ProducerRecord(value: [9])], toPartition: 0)
        let response: FetchResponse = try harness.decode(try #require(wait.attempt(false)), api: .fetch, version: 11)
        let records = try KafkaRecordBatch.decodeAll(try #require(response.responses.first?.partitions.first?.records))
        #expect(records.flatMap(\.records).map(\.value) == [[9]])
    }

    @Test func describeConfigsNamesATopicsSettingsAndRefusesWhatItCannotDescribe() throws {
        var harness = ServiceHarness()
        try harness.broker.createTopic("capped", partitions: 1, retention: Retention(maxAge: 3_600 * NanosPerUnit.second))
        var request = DescribeConfigsRequest()
        request.resources = [(Int8(2), "capped", ["retention.ms", "cleanup.policy"]), (2, "missing", nil), (4, "0", nil), (1, "x", nil)]
            .map { type, name, keys in
                var resource = DescribeConfigsRequest.DescribeConfigsResource()
                resource.resourceType = type
                resource.resourceName = name
                resource.configurationKeys = keys
                return resource
            }
        for version: Int16 in [0, 4] {
            let response = try harness.send(request, version: version, expecting: DescribeConfigsResponse.self)
            #expect(response.results.map(\.errorCode) == [0, 3, 0, 42], "v\(version)")
            let topic = try #require(response.results.first)
            #expect(Dictionary(uniqueKeysWithValues: topic.configs.map { ($0.name, $0.value) })
                == ["retention.ms": "3600000", "cleanup.policy": "delete"], "v\(version)")
            #expect(response.results[2].configs.contains { $0.name == "num.partitions" && $0.value == "3" })
        }
    }
}
