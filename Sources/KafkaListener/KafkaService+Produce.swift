import Broker
import KafkaProtocol
import SluiceModel

extension KafkaService {
    func produce(_ request: ProduceRequest) -> ProduceResponse {
        var response = ProduceResponse()
        response.responses = request.topicData.map { topicData in
            var topicResponse = ProduceResponse.TopicProduceResponse()
            topicResponse.name = topicData.name
            let topic = try? broker.topic(topicData.name)
            topicResponse.partitionResponses = topicData.partitionData.map { data in
                produce(data, into: topic)
            }
            return topicResponse
        }
        return response
    }

    /// Checks every batch for one partition (CRC, structure, codec) and stores all of it or nothing.
    private func produce(_ data: ProduceRequest.PartitionProduceData, into topic: Topic?) -> ProduceResponse.PartitionProduceResponse {
        var result = ProduceResponse.PartitionProduceResponse()
        result.index = data.index
        guard let topic, data.index >= 0, Int(data.index) < topic.partitionCount else {
            result.errorCode = KafkaErrorCode.unknownTopicOrPartition.rawValue
            return result
        }
        let batches: [KafkaRecordBatch]
        do {
            batches = try KafkaRecordBatch.decodeAll(data.records ?? [], decompressedLimit: configuration.maxFrameBytes)
        } catch {
            result.errorCode = Self.errorCode(for: error).rawValue
            result.errorMessage = "\(error)"
            return result
        }
        var records: [ProducerRecord] = []
        for batch in batches {
            for record in batch.records {
                guard let converted = ProducerRecord(kafka: record, in: batch, partition: Int(data.index)) else {
                    result.errorCode = KafkaErrorCode.invalidTimestamp.rawValue
                    result.errorMessage = "a record's timestamp is out of range"
                    return result
                }
                records.append(converted)
            }
        }
        do {
            result.baseOffset = try topic.append(records, toPartition: Int(data.index))
            result.logStartOffset = try topic.logStartOffset(partition: Int(data.index))
        } catch {
            result.errorCode = KafkaErrorCode.unknownServerError.rawValue
            result.errorMessage = "\(error)"
        }
        return result
    }

    static func errorCode(for error: KafkaRecordBatch.DecodingError) -> KafkaErrorCode {
        switch error {
        case .checksumMismatch, .malformed, .unsupportedMagic: .corruptMessage
        case .compression(.libraryMissing), .compression(.unknownCodec): .unsupportedCompressionType
        case .compression: .corruptMessage
        }
    }
}

extension ProducerRecord {
    /// The broker's record for a Kafka record: a null value is stored empty, timestamps go from milliseconds to
    /// nanoseconds (LogAppendTime ones are the broker's own); nil when the timestamp does not fit.
    init?(kafka record: KafkaRecord, in batch: KafkaRecordBatch, partition: Int) {
        var timestamp: Nanos?
        if batch.attributes.timestampType == .createTime {
            guard let time = KafkaTimestamp.nanos(base: batch.baseTimestamp, delta: record.timestampDelta) else { return nil }
            timestamp = time
        }
        self.init(key: record.key, value: record.value ?? [],
                  headers: record.headers.map { Header($0.key, $0.value ?? []) },
                  timestamp: timestamp, partition: partition)
    }
}
