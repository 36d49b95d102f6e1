import Broker
import SluiceModel

/// The hooks the engine calls so lessons can measure what they teach: waits of stream records, the
/// crash windows and per-key order on queues (`Downstreams` measures its own calls and breakers).
extension Simulation {
    /// Once per simulated second: lag curves, committed offsets, then the narrative.
    func lessonSecond() {
        for index in consumers.indices where index < lessonState.groups.count {
            guard case .stream(let group, let topic) = consumers[index].source else { continue }
            if windowOpen { lessonState.groups[index].lag.sample(group.totalLag, at: now) }
            let committed = (0..<topic.partitionCount).map { group.committed(ofPartition: $0) }
            lessonState.groups[index].observeCommitted(committed, at: now)
        }
        catchUpProjections()
        advanceLesson()
    }

    /// A stream record starts its first attempt: its wait since it was appended counts (first delivery only).
    func noteStreamStart(_ job: Job, consumer: Int, alreadyDone: Bool) {
        guard job.delivery == nil, !alreadyDone, windowOpen, job.enqueuedAt >= windowStart,
              consumer < lessonState.groups.count else { return }
        lessonState.groups[consumer].waits.add(Double(now - job.enqueuedAt) / 1e9)
    }

    /// A queue message's side effect ran: check its key's order.
    func noteQueueEffect(_ job: Job, consumer: Int) {
        guard case .queue(let queue) = consumers[consumer].source else { return }
        queues.updateMeasures(of: queueID(of: queue)) { $0.noteEffect(key: job.key, sequence: job.offset) }
    }

    /// A queue consumer just received `deliveriesScratch`: count the redeliveries among them.
    func noteQueueDeliveries(consumer: Int) {
        guard case .queue(let queue) = consumers[consumer].source else { return }
        let retries = deliveriesScratch.reduce(Int64(0)) { $0 + ($1.deliveryCount > 1 ? 1 : 0) }
        if retries > 0 { queues.updateMeasures(of: queueID(of: queue)) { $0.redeliveries.note(at: now, count: retries) } }
    }

    /// The partitions an instance owns right now (before a crash takes them away).
    func ownedPartitions(instance index: Int) -> [Int] {
        let consumer = instances[index].consumer
        return consumers[consumer].owners.indices.filter { consumers[consumer].owners[$0] == index }
    }

    /// After a crash moved an instance's partitions away: what was processed but not committed (to be
    /// delivered again) and what was committed but not processed (lost).
    func noteCrashWindow(consumer index: Int, partitions: [Int]) {
        guard index < lessonState.groups.count, case .stream(let group, let topic) = consumers[index].source else { return }
        for partition in partitions {
            let committed = group.committed(ofPartition: partition)
            let logEnd = topic.logEnd(ofPartition: partition)
            let effects = consumers[index].effects[partition]
            let processedAbove = (logEnd - committed) - effects.missing(in: committed, logEnd)
            lessonState.groups[index].uncommittedAtCrash += max(0, processedAbove)
            let lost = lostRecords(consumer: index, partition: partition, group: group, topic: topic)
            lessonState.groups[index].unprocessedAtCrash += max(0, lost - lessonState.groups[index].lostReported[partition])
            lessonState.groups[index].lostReported[partition] = max(lost, lessonState.groups[index].lostReported[partition])
        }
    }


    /// Under commit "before_batch", a polled batch is committed as soon as it is handed out.
    func commitPolledBatch(consumer index: Int, group: ConsumerGroup) {
        guard case .beforeBatch = consumers[index].spec.commit, !batchScratch.isEmpty else { return }
        brokerCall("\(group.id) commits the batch it just polled") { () throws(BrokerError) in try group.commit(batchScratch) }
    }
}
