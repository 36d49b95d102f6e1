import Broker
import SluiceModel

/// The hooks the engine calls so lessons can measure what they teach: waits of stream records, the
/// crash windows and per-key order on queues (`Downstreams` measures its own calls and breakers).
extension Simulation {
    /// Once per simulated second: lag curves, committed offsets, then the narrative.
    func lessonSecond() {
        for id in consumers.streamIDs {
            let group = consumers[id].group
            if window.isOpen { consumers[id].measures.lag.sample(group.totalLag, at: now) }
            let committed = (0..<group.topic.partitionCount).map { self.committed(of: group, partition: $0) }
            consumers[id].measures.observeCommitted(committed, at: now)
        }
        catchUpProjections()
        advanceLesson()
    }

    /// A stream record starts its first attempt: its wait since it was appended counts (first delivery only).
    func noteStreamStart(_ job: Job, stream: StreamConsumerID, alreadyDone: Bool) {
        guard !alreadyDone, window.counts(enteredAt: job.enqueuedAt) else { return }
        consumers[stream].measures.waits.add(Double(now - job.enqueuedAt) / 1e9)
    }

    /// A queue message's side effect ran: check its key's order.
    func noteQueueEffect(_ job: Job, queue: QueueID) {
        queues.updateMeasures(of: queue) { $0.noteEffect(key: job.key, sequence: job.offset) }
    }

    /// A consumer of `queue` just received `deliveriesScratch`: count the redeliveries among them.
    func noteQueueDeliveries(queue: QueueID) {
        let retries = deliveriesScratch.reduce(Int64(0)) { $0 + ($1.deliveryCount > 1 ? 1 : 0) }
        if retries > 0 { queues.updateMeasures(of: queue) { $0.redeliveries.note(at: now, count: retries) } }
    }

    /// The partitions an instance owns right now (before a crash takes them away).
    func ownedPartitions(instance id: InstanceID, of stream: StreamConsumerID) -> [Int] {
        consumers[stream].owners.indices.filter { consumers[stream].owners[$0] == id }
    }

    /// After a crash moved an instance's partitions away: what was processed but not committed (to be
    /// delivered again) and what was committed but not processed (lost).
    func noteCrashWindow(stream id: StreamConsumerID, partitions: [Int]) {
        for partition in partitions {
            let committed = self.committed(of: consumers[id].group, partition: partition)
            let logEnd = self.logEnd(of: consumers[id].topic, partition: partition)
            let effects = consumers[id].effects[partition]
            let processedAbove = (logEnd - committed) - effects.missing(in: committed, logEnd)
            consumers[id].measures.uncommittedAtCrash += max(0, processedAbove)
            let lost = lostRecords(stream: id, partition: partition)
            consumers[id].measures.unprocessedAtCrash += max(0, lost - consumers[id].measures.lostReported[partition])
            consumers[id].measures.lostReported[partition] = max(lost, consumers[id].measures.lostReported[partition])
        }
    }


    /// Under commit "before_batch", a polled batch is committed as soon as it is handed out.
    func commitPolledBatch(consumer: ConsumerID, group: ConsumerGroup) {
        guard case .beforeBatch = consumers[consumer].spec.commit, !batchScratch.isEmpty else { return }
        brokerCall("\(group.id) commits the batch it just polled") { () throws(BrokerError) in try group.commit(batchScratch) }
    }
}
