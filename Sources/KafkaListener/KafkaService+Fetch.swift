import Broker
import KafkaProtocol
import SluiceModel

extension KafkaService {
    /// Records per partition read from the broker in one go, before the byte limits trim them.
    private static let readChunk = 500

    /// `client` is who asks: a fetch for a partition its paused group member owns gets no records.
    func fetch(_ request: FetchRequest, request frame: KafkaRequest, client: ClientAddress) throws(KafkaEncodingError) -> Outcome {
        if let code = faults.drawFailure(for: .fetch) { return try respond(Self.refusedFetch(request, code: code), to: frame) }
        let (response, served) = fetchResponse(request, client: client)
        if served.records > 0 || request.maxWaitMs <= 0 || request.minBytes <= 0 {
            note(served, by: client)
            return try respond(response, to: frame)
        }
        return .wait(PendingResponse(maxWaitMilliseconds: Int64(request.maxWaitMs), wakesOnAppend: true) { final in
            let (again, served) = self.fetchResponse(request, client: client)
            guard served.records > 0 || final else { return nil }
            self.note(served, by: client)
            do { return try self.respond(again, to: frame) } catch { return .close("cannot encode a fetch response: \(error)") }
        })
    }

    /// What one fetch response hands out, partition by partition: credited to the client's group member
    /// once the response goes out (a waiting fetch looks many times, and answers once).
    struct Served {
        var partitions: [(topic: String, partition: Int32, nextOffset: Int64, records: Int)] = []
        var records: Int { partitions.reduce(0) { $0 + $1.records } }
    }

    private func note(_ served: Served, by client: ClientAddress) {
        for part in served.partitions {
            groups.noteFetch(by: client, topic: part.topic, partition: part.partition, nextOffset: part.nextOffset,
                             records: part.records)
        }
    }

    /// The response and what it carries.
    private func fetchResponse(_ request: FetchRequest, client: ClientAddress) -> (FetchResponse, Served) {
        var response = FetchResponse()
        var budget = Int(max(request.maxBytes, 1))
        var served = Served()
        response.responses = request.topics.map { topicRequest in
            var topicResponse = FetchResponse.FetchableTopicResponse()
            topicResponse.topic = topicRequest.topic
            let topic = try? broker.topic(topicRequest.topic)
            topicResponse.partitions = topicRequest.partitions.map { partitionRequest in
                let paused = groups.fetchPaused(by: client, topic: topicRequest.topic, partition: partitionRequest.partition)
                let (data, count) = fetch(partitionRequest, from: topic, budget: &budget, paused: paused)
                served.partitions.append((topicRequest.topic, partitionRequest.partition,
                                          partitionRequest.fetchOffset + Int64(count), count))
                return data
            }
            return topicResponse
        }
        return (response, served)
    }

    private func fetch(_ request: FetchRequest.FetchPartition, from topic: Topic?, budget: inout Int, paused: Bool)
        -> (FetchResponse.PartitionData, Int) {
        var data = FetchResponse.PartitionData()
        data.partitionIndex = request.partition
        data.abortedTransactions = []
        let partition = Int(request.partition)
        guard let topic, partition >= 0, partition < topic.partitionCount,
              let start = try? topic.logStartOffset(partition: partition),
              let end = try? topic.logEndOffset(partition: partition) else {
            data.errorCode = KafkaErrorCode.unknownTopicOrPartition.rawValue
            return (data, 0)
        }
        data.highWatermark = end
        data.lastStableOffset = end
        data.logStartOffset = start
        guard request.fetchOffset >= start, request.fetchOffset <= end else {
            data.errorCode = KafkaErrorCode.offsetOutOfRange.rawValue
            return (data, 0)
        }
        // A paused member keeps its session and its offsets: its fetches just come back empty.
        guard !paused, request.fetchOffset < end, budget > 0 else {
            data.records = []
            return (data, 0)
        }
        var limit = min(Int(max(request.partitionMaxBytes, 1)), budget)
        // Batches kept as their producers sent them go out as they came (the client skips any record of the
        // first batch below its fetch offset, as it does from Kafka).
        if let wire = try? topic.wireBatches(partition: partition, from: request.fetchOffset, maxBytes: limit),
           let last = wire.last {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(wire.reduce(0) { $0 + $1.byteCount })
            for batch in wire {
                batch.withUnsafeBytes { KafkaRecordBatch.append($0, rebasedAt: batch.baseOffset, to: &bytes) }
            }
            budget -= bytes.count
            data.records = bytes
            return (data, Int(last.endOffset - request.fetchOffset))
        }
        guard let stored = try? topic.read(partition: partition, from: request.fetchOffset, max: Self.readChunk),
              let first = stored.first else {
            data.records = []
            return (data, 0)
        }
        // At least one record goes out, even past the limits, or a large record could never be fetched.
        var records: [KafkaRecord] = []
        let baseTimestamp = KafkaTimestamp.milliseconds(first.timestamp)
        for record in stored {
            let key = record.key, value = record.value
            let size = (key?.count ?? 0) + value.count + 24
            if !records.isEmpty && size > limit { break }
            limit -= size
            budget -= size
            records.append(KafkaRecord(
                offsetDelta: Int32(record.offset - first.offset),
                timestampDelta: KafkaTimestamp.milliseconds(record.timestamp) - baseTimestamp,
                key: key, value: value,
                headers: record.headers.map { KafkaRecordHeader(key: $0.name, value: $0.value) }))
        }
        // On a LogAppendTime topic a client reads the batch's max timestamp as each record's time.
        let batch = KafkaRecordBatch(baseOffset: first.offset, baseTimestamp: baseTimestamp, records: records,
                                     timestampType: topic.stampsAppendTime ? .logAppendTime : .createTime,
                                     partitionLeaderEpoch: 0)
        data.records = (try? batch.encoded()) ?? []
        return (data, records.count)
    }
}
