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
        // Every record is converted before any batch is stored.
        var converted: [(batch: KafkaRecordBatch, records: [ProducerRecord])] = []
        for batch in batches {
            if batch.attributes.isTransactional || batch.attributes.isControl {
                result.errorCode = KafkaErrorCode.invalidRequest.rawValue
                result.errorMessage = "transactions are not supported"
                return result
            }
            let records = batch.records.compactMap {
                ProducerRecord(kafka: $0, in: batch, partition: Int(data.index), appendTime: topic.stampsAppendTime)
            }
            guard records.count == batch.records.count else {
                result.errorCode = KafkaErrorCode.invalidTimestamp.rawValue
                result.errorMessage = "a record's timestamp is out of range"
                return result
            }
            converted.append((batch, records))
        }
        var firstOffset: Int64?
        for (batch, records) in converted {
            do {
                let offset = try append(records, of: batch, to: topic, partition: Int(data.index))
                firstOffset = firstOffset ?? offset
            } catch {
                result.errorCode = Self.errorCode(for: error).rawValue
                result.errorMessage = "\(error)"
                return result
            }
        }
        result.baseOffset = firstOffset ?? (try? topic.logEndOffset(partition: Int(data.index))) ?? 0
        if topic.stampsAppendTime, let stored = try? topic.read(partition: Int(data.index), from: result.baseOffset, max: 1).first {
            result.logAppendTimeMs = KafkaTimestamp.milliseconds(stored.timestamp)
        }
        result.logStartOffset = (try? topic.logStartOffset(partition: Int(data.index))) ?? -1
        return result
    }

    /// Appends one batch; a batch from an idempotent producer (a producer id) is checked against its sequence,
    /// and a retry is acknowledged with the offset it got the first time.
    private func append(_ records: [ProducerRecord], of batch: KafkaRecordBatch, to topic: Topic, partition: Int)
        throws(ProducerSequenceError) -> Int64 {
        guard batch.producerId >= 0 else {
            do { return try topic.append(records, toPartition: partition) } catch { throw .broker(error) }
        }
        let outcome = try producers.append(
            producerId: batch.producerId, epoch: batch.producerEpoch, baseSequence: batch.baseSequence,
            count: batch.lastOffsetDelta + 1, topic: topic.name, partition: partition
        ) { () throws(BrokerError) -> Int64 in try topic.append(records, toPartition: partition) }
        switch outcome {
        case .appended(let offset), .duplicate(let offset): return offset
        }
    }

    static func errorCode(for error: ProducerSequenceError) -> KafkaErrorCode {
        switch error {
        case .outOfOrder: .outOfOrderSequenceNumber
        case .staleEpoch: .invalidProducerEpoch
        case .broker: .unknownServerError
        }
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
    /// nanoseconds (LogAppendTime ones, and every one on an `appendTime` topic, are the broker's own); nil when
    /// the timestamp does not fit.
    init?(kafka record: KafkaRecord, in batch: KafkaRecordBatch, partition: Int, appendTime: Bool = false) {
        var timestamp: Nanos?
        if batch.attributes.timestampType == .createTime && !appendTime {
            guard let time = KafkaTimestamp.nanos(base: batch.baseTimestamp, delta: record.timestampDelta) else { return nil }
            timestamp = time
        }
        self.init(key: record.key, value: record.value ?? [],
                  headers: record.headers.map { Header($0.key, $0.value ?? []) },
                  timestamp: timestamp, partition: partition)
    }
}
