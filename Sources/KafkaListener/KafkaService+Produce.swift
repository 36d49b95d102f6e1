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
        let batches: [KafkaBatchIndex]
        do {
            batches = try KafkaBatchIndex.indexAll(data.records ?? [], decompressedLimit: configuration.maxFrameBytes)
        } catch {
            result.errorCode = Self.errorCode(for: error).rawValue
            result.errorMessage = "\(error)"
            return result
        }
        // Every batch is checked (and every timestamp worked out) before any is stored.
        var timestamps: [[Nanos?]] = []
        for batch in batches {
            if batch.attributes.isTransactional || batch.attributes.isControl {
                result.errorCode = KafkaErrorCode.invalidRequest.rawValue
                result.errorMessage = "transactions are not supported"
                return result
            }
            guard let times = Self.timestamps(of: batch, appendTime: topic.stampsAppendTime) else {
                result.errorCode = KafkaErrorCode.invalidTimestamp.rawValue
                result.errorMessage = "a record's timestamp is out of range"
                return result
            }
            timestamps.append(times)
        }
        var firstOffset: Int64?
        for (batch, times) in zip(batches, timestamps) {
            do {
                let offset = try append(batch, timestamps: times, to: topic, partition: Int(data.index))
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
    private func append(_ batch: KafkaBatchIndex, timestamps: [Nanos?], to topic: Topic, partition: Int)
        throws(ProducerSequenceError) -> Int64 {
        let store = { () throws(BrokerError) -> Int64 in try Self.store(batch, timestamps: timestamps, in: topic, partition: partition) }
        guard batch.producerId >= 0 else {
            do { return try store() } catch { throw .broker(error) }
        }
        let outcome = try producers.append(
            producerId: batch.producerId, epoch: batch.producerEpoch, baseSequence: batch.baseSequence,
            count: batch.lastOffsetDelta + 1, topic: topic.name, partition: partition, store)
        switch outcome {
        case .appended(let offset), .duplicate(let offset): return offset
        }
    }

    /// Stores the batch's records, their bytes read in place, and keeps the batch's own bytes for fetches when
    /// they can be served as they came: a CreateTime batch whose records take exactly the offsets the log gives
    /// them. (A LogAppendTime topic rewrites each batch's timestamps, so its fetches encode.)
    private static func store(_ batch: KafkaBatchIndex, timestamps: [Nanos?], in topic: Topic, partition: Int)
        throws(BrokerError) -> Int64 {
        let keepsWire = !topic.stampsAppendTime && batch.attributes.timestampType == .createTime && batch.hasDenseOffsets
        if keepsWire, let placed = placedRecords(of: batch, timestamps: timestamps) {
            let stored = batch.wire.withUnsafeBytes { wire in
                placed.withUnsafeBufferPointer { placed in
                    Result { () throws(BrokerError) -> Int64 in try topic.append(placed, keeping: wire, toPartition: partition) }
                }
            }
            return try stored.get()
        }
        let stored: Result<Int64, BrokerError> = batch.wire.withUnsafeBytes { wire in batch.recordBytes.withUnsafeBytes { bytes in
            let base = batch.recordBytes.startIndex
            func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound - base)..<(range.upperBound - base)])
            }
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            var records: [BorrowedRecord] = []
            records.reserveCapacity(batch.records.count)
            for (span, timestamp) in zip(batch.records, timestamps) {
                let headers = span.headerCount == 0 ? [] : batch.headers(of: span).map { Header($0.key, $0.value ?? []) }
                // A null value is stored empty.
                records.append(BorrowedRecord(key: span.key.map(slice), value: span.value.map(slice) ?? empty,
                                              headers: headers, timestamp: timestamp))
            }
            return Result { () throws(BrokerError) -> Int64 in
                try records.withUnsafeBufferPointer { (records) throws(BrokerError) -> Int64 in
                    try topic.append(records, wire: keepsWire ? wire : nil, toPartition: partition)
                }
            }
        } }
        return try stored.get()
    }

    /// Where each record lies in the batch's own bytes, or nil when one does not lie there as the log's index
    /// needs (a compressed batch's records, headers, which the log keeps in its own encoding, or a timestamp
    /// left to the broker): then the records are copied in.
    static func placedRecords(of batch: KafkaBatchIndex, timestamps: [Nanos?]) -> [PlacedRecord]? {
        guard batch.attributes.compression == KafkaCompression.none else { return nil }
        // Span positions count in the request's bytes, as the batch's own do.
        let origin = batch.wire.startIndex
        func placed(_ range: Range<Int>?) -> Range<Int>? { range.map { ($0.lowerBound - origin)..<($0.upperBound - origin) } }
        var records: [PlacedRecord] = []
        records.reserveCapacity(batch.records.count)
        for (span, timestamp) in zip(batch.records, timestamps) {
            guard span.headerCount == 0, let timestamp,
                  let record = PlacedRecord(key: placed(span.key), value: placed(span.value), timestamp: timestamp)
            else { return nil }
            records.append(record)
        }
        return records
    }

    /// Each record's timestamp in nanoseconds: nil entries for the broker's own time (LogAppendTime batches, and
    /// every one on an `appendTime` topic); nil overall when one does not fit.
    static func timestamps(of batch: KafkaBatchIndex, appendTime: Bool) -> [Nanos?]? {
        guard batch.attributes.timestampType == .createTime && !appendTime else {
            return [Nanos?](repeating: nil, count: batch.records.count)
        }
        var times: [Nanos?] = []
        times.reserveCapacity(batch.records.count)
        for span in batch.records {
            guard let time = KafkaTimestamp.nanos(base: batch.baseTimestamp, delta: span.timestampDelta) else { return nil }
            times.append(time)
        }
        return times
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
