import Broker
import SluiceModel

/// The end of each attempt: the outcome, the side effect, and acking, committing, retrying or parking.
extension Simulation {
    /// A stream consumer's blocking retry waits this long after the n-th failure, doubling to a cap.
    static func streamRetryDelay(afterAttempt attempt: Int) -> Nanos {
        min(100 * NanosPerUnit.millisecond << min(attempt - 1, 20), 5 * NanosPerUnit.second)
    }

    func finishAttempt(instance id: InstanceID, slot: Int, ticket: Int) {
        guard let job = consumers[id].slots[slot], job.ticket == ticket else { return }
        let consumer = consumers[id].consumer
        let failure = outcome(of: job, consumer: consumer)
        if let failure {
            consumers[consumer].failed += 1
            consumers[id].failed += 1
            consumers[id].failedThisSecond += 1
            series.noteFailure()
            if job.delivery == nil && job.attempt < consumers[consumer].spec.maxAttempts {
                // Streams retry in place: the partition waits, keeping its order.
                consumers[id].slots[slot]?.attempt += 1
                consumers[id].slots[slot]?.lastError = failure
                schedule(.jobRetry(instance: id, slot: slot, ticket: ticket), at: now + Self.streamRetryDelay(afterAttempt: job.attempt))
                return
            }
            release(slot: slot, instance: id)
            settleFailure(job, instance: id, reason: failure)
        } else {
            applyEffect(job, instance: id)
            release(slot: slot, instance: id)
            settleSuccess(job, instance: id)
        }
        requestPoll(instance: id)
        consumers.markDirty(consumer)
    }

    func retryAttempt(instance id: InstanceID, slot: Int, ticket: Int) {
        guard consumers[id].slots[slot]?.ticket == ticket else { return }
        startAttempt(instance: id, slot: slot)
    }

    /// Why the attempt failed, or nil when it succeeded.
    private func outcome(of job: Job, consumer: ConsumerID) -> String? {
        if job.breakerRefused { return "circuit breaker open" }
        if job.poison { return "poison message" }
        if job.failsItself { return "processing failed" }
        if job.callsDownstream, let downstream = consumers[consumer].downstream {
            let up = downstreams[downstream].isUp
            let failed = !up || consumers[consumer].random.chance(downstreams[downstream].spec.failureProbability)
            recordCall(downstream: downstream, failed: failed)
            if failed { return up ? "\(downstreams[downstream].spec.name) call failed" : "\(downstreams[downstream].spec.name) unavailable" }
        }
        return nil
    }

    func release(slot: Int, instance id: InstanceID) {
        guard let job = consumers[id].slots[slot] else { return }
        consumers[id].slots[slot] = nil
        consumers[id].busy -= 1
        switch consumers[consumers[id].consumer].source {
        case .queue(_, let part):
            let stats = consumers[part].stats
            queues[stats].inService -= 1
            touch(queue: stats)
        case .stream(_, let stream):
            consumers[id, of: stream].busyPartitions[job.partition] = false
        }
    }

    /// Whether the side effect already ran for the job's message or record (an idempotent consumer's
    /// dedupe store says so).
    func effectRan(_ job: Job, consumer: ConsumerID) -> Bool {
        switch consumers[consumer].source {
        case .stream(_, let stream): consumers[stream].effects[job.partition].contains(job.offset)
        case .queue(_, let part): consumers[part].effects.contains(job.offset)
        }
    }

    /// The side effect runs: counted once per message, twice is a duplicate effect.
    private func applyEffect(_ job: Job, instance id: InstanceID) {
        let consumer = consumers[id].consumer
        let first = switch consumers[consumer].source {
        case .stream(_, let stream): consumers[stream].effects[job.partition].insert(job.offset)
        case .queue(_, let part): consumers[part].effects.insert(job.offset)
        }
        if !first {
            consumers[consumer].duplicateEffects += 1
            // Two deliveries overlapped (a rebalance, an expired ack deadline): the later one is the duplicate.
            if !job.knownDuplicate { consumers[consumer].duplicatesDelivered += 1 }
        }
        consumers[consumer].processed += 1
        consumers[id].processed += 1
        consumers[id].processedThisSecond += 1
        series.noteProcessed()
        if window.isOpen { consumers[consumer].processedInWindow += 1 }
        switch consumers[consumer].source {
        case .stream(_, let stream): checkKeyOrder(job, stream: stream)
        case .queue(_, let part): noteQueueEffect(job, queue: consumers[part].stats)
        }
    }

    /// Within one owner's tenure of a partition, records of one key take effect in offset order.
    private func checkKeyOrder(_ job: Job, stream: StreamConsumerID) {
        guard let key = job.key, job.partitionEpoch == consumers[stream].partitionEpochs[job.partition] else { return }
        if let last = consumers[stream].lastOffsetByKey[job.partition][key], job.offset <= last {
            consumers[stream].orderViolations += 1
            fail("per-key order", "\(consumers[stream].group.id) partition \(job.partition): key \(String(decoding: key, as: UTF8.self)) offset \(job.offset) took effect after offset \(last)")
        }
        consumers[stream].lastOffsetByKey[job.partition][key] = job.offset
    }

    func settleSuccess(_ job: Job, instance id: InstanceID) {
        let consumer = consumers[id].consumer
        switch consumers[consumer].source {
        case .queue(let queue, let part):
            guard let delivery = delivery(of: job, instance: id) else { return }
            let stats = consumers[part].stats
            switch brokerCall("\(consumers[id].name) acks #\(delivery.sequence) of \(queue.name)",
                              expected: \.isDeliveryNoLongerInFlight, { () throws(BrokerError) in try queue.ack(delivery.receipt) }) {
            case .success:
                if window.isOpen {
                    queues[stats].noteDeparture(enqueuedAt: delivery.enqueuedAt, at: now, windowStart: window.start, sojourn: true)
                }
            case .failure:
                // The ack deadline passed while it was processed: the broker hands it out again.
                record(.warning, "\(consumers[id].name): late ack of \(delivery.messageId ?? "#\(delivery.sequence)"), it will be delivered again",
                       correlationId: delivery.messageId)
            case nil: break
            }
            touch(queue: stats)
        case .stream(_, let stream):
            consumers[stream].accounted[job.partition].insert(job.offset)
            if case .after = consumers[consumer].spec.commit { commit(job, instance: id, stream: stream) }
        }
    }

    /// The delivery a queue consumer's job works on; every one has one, so a job without is the model's mistake.
    private func delivery(of job: Job, instance id: InstanceID) -> Delivery? {
        guard let delivery = job.delivery else {
            fail("queue jobs carry their delivery", "\(consumers[id].name) settles a job without one (sequence \(job.offset))")
            return nil
        }
        return delivery
    }

    private func settleFailure(_ job: Job, instance id: InstanceID, reason: String) {
        let consumer = consumers[id].consumer
        switch consumers[consumer].source {
        case .queue(let queue, let part):
            guard let delivery = delivery(of: job, instance: id) else { return }
            let stats = consumers[part].stats
            let exhausted = queue.config.maxDeliveries.map { delivery.deliveryCount >= $0 } ?? false
            // Refused when already redelivered after its deadline: nothing to give back.
            let nacked = brokerCall("\(consumers[id].name) nacks #\(delivery.sequence) of \(queue.name)",
                                    expected: \.isDeliveryNoLongerInFlight, { () throws(BrokerError) in try queue.nack(delivery.receipt) })
            if case .success = nacked, exhausted && window.isOpen {
                queues[stats].noteDeparture(enqueuedAt: delivery.enqueuedAt, at: now, windowStart: window.start, sojourn: false)
            }
            touch(queue: stats)
            touchDeadLetterQueue(of: queue)
        case .stream(_, let stream):
            park(job, instance: id, stream: stream, reason: reason)
        }
    }

    private func touchDeadLetterQueue(of queue: WorkQueue) {
        if let deadLetter = queue.config.deadLetterQueue {
            touch(queueNamed: deadLetter)
            markConsumersDirty(source: deadLetter)
        }
    }

    /// A stream record that failed every attempt is parked (copied to the consumer's dead-letter queue,
    /// if it has one) and the partition moves on.
    private func park(_ job: Job, instance id: InstanceID, stream: StreamConsumerID, reason: String) {
        let consumer = consumers[id].consumer
        let topic = consumers[stream].topic
        // Distinct records: one parked again after a replay is still one dead letter.
        if consumers[stream].parkedOffsets[job.partition].insert(job.offset) { consumers[stream].parked += 1 }
        consumers[stream].accounted[job.partition].insert(job.offset)
        let label = "\(consumers[consumer].sourceName)[\(job.partition)]@\(job.offset)"
        if let deadLetter = consumers[consumer].spec.deadLetter,
           let queue = brokerCall("dead-letter queue \(deadLetter)", { () throws(BrokerError) in try broker.queue(deadLetter) }),
           let original = brokerCall("\(label) to park", { () throws(BrokerError) in
               try topic.read(partition: job.partition, from: job.offset, max: 1)
           })?.first {
            let headers = original.headers + [Header("x-sluice-reason", Array(reason.utf8)), Header("x-sluice-source", Array(label.utf8))]
            let copy = QueueMessage(value: original.value, key: original.key, headers: headers, messageId: original.messageId)
            // A record parked again after a replay carries the same message id: the queue dedupes it.
            // A bounded dead-letter queue at capacity may refuse the copy; the queue counts it as rejected.
            switch brokerCall("\(label) to \(deadLetter)", expected: \.isQueueFull, { () throws(BrokerError) in try queue.enqueue(copy) }) {
            case .success(.enqueued), .success(.enqueuedDroppingOldest): queues[queueID(of: queue)].enqueued += 1
            case .success(.duplicate), .success(.blocked), .failure, nil: break
            }
            touch(queueNamed: deadLetter)
            markConsumersDirty(source: deadLetter)
        }
        let parkedIn = consumers[consumer].spec.deadLetter.map { InspectTarget.queue(name: $0) }
        record(.deadLetter, "\(consumers[id].name) parked \(label) after \(job.attempt) attempts: \(reason)",
               correlationId: nil, location: parkedIn ?? .partition(topic: topic.name, partition: job.partition, fromOffset: job.offset))
        if case .after = consumers[consumer].spec.commit { commit(job, instance: id, stream: stream) }
    }

    /// Commits the offset after the job's record, unless its partition moved since the job started.
    func commit(_ job: Job, instance id: InstanceID, stream: StreamConsumerID) {
        let consumer = consumers[id].consumer
        let group = consumers[stream].group
        guard job.partitionEpoch == consumers[stream].partitionEpochs[job.partition] else { return }
        // The partition's epoch is unchanged, so the instance still owns it: a refusal is the model's mistake.
        guard brokerCall("\(consumers[id].name) commits \(group.id)[\(job.partition)] at \(job.offset + 1)", { () throws(BrokerError) in
            try group.commit(member: consumers[id].name, partition: job.partition, offset: job.offset + 1)
        }) != nil else { return }
        if case .after = consumers[consumer].spec.commit {
            // Commits follow processing, so nothing below the committed offset may be unaccounted for.
            let lost = lostRecords(stream: stream, partition: job.partition)
            if lost > 0 {
                fail("no loss when commits follow processing",
                     "\(group.id) partition \(job.partition) committed past \(lost) records never processed")
            }
        }
    }

    /// Records below the committed offset (and still in the log) that the consumer never dealt with.
    func lostRecords(stream: StreamConsumerID, partition: Int) -> Int64 {
        let from = max(consumers[stream].startOffsets[partition], logStart(of: consumers[stream].topic, partition: partition))
        return consumers[stream].accounted[partition].missing(in: from, committed(of: consumers[stream].group, partition: partition))
    }
}
