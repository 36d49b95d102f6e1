import Broker
import SluiceModel

/// Handing work to idle instances: queue receives and stream polls, then starting jobs.
extension Simulation {
    /// A failed call refused by an open circuit breaker still takes a moment.
    static let failFast: Nanos = NanosPerUnit.millisecond

    func dispatchDirtyConsumers() {
        // Work started here can finish at this same instant (idempotent skips), marking consumers dirty again.
        var rounds = 0
        while consumers.hasDirty && rounds < 1000 {
            rounds += 1
            for consumer in consumers.takeDirty() {
                consumers.dispatching(consumer)
                dispatch(consumer: consumer)
            }
        }
    }

    private func dispatch(consumer: ConsumerID) {
        guard !consumers[consumer].paused else { return }
        let members = consumers[consumer].instances
        guard !members.isEmpty else { return }
        let start = consumers[consumer].cursor % members.count
        consumers[consumer].cursor &+= 1
        // Once the queue has nothing waiting, the members after need not ask it again in this pass.
        var queueDry = false
        switch consumers[consumer].source {
        case .queue(let queue, let part):
            // Round the members until the queue runs dry; after that only members holding prefetched
            // deliveries (or that never asked) can do anything, so only those are visited, in the same order.
            var step = 0
            while step < members.count && !queueDry {
                let member = members[(start + step) % members.count]
                step += 1
                if consumers[member].isActive { feedQueueInstance(member, of: part, from: queue, queueDry: &queueDry) }
                settleQueueWork(member, of: part)
            }
            let count = members.count
            let done = step
            let rest = consumers[consumer].membersWithWork
                .map { (member: $0, offset: (consumers[$0].position - start + count) % count) }
                .filter { $0.offset >= done }
                .sorted { $0.offset < $1.offset }
            for (member, _) in rest {
                if consumers[member].isActive { feedQueueInstance(member, of: part, from: queue, queueDry: &queueDry) }
                settleQueueWork(member, of: part)
            }
        case .stream(_, let stream):
            // Only members with something to poll or start, in the same round-robin order as the whole list.
            let count = members.count
            let due = consumers[consumer].membersWithWork.sorted {
                (consumers[$0].position - start + count) % count < (consumers[$1].position - start + count) % count
            }
            for member in due {
                if consumers[member].isActive && (consumers[member, of: stream].needsPoll || !consumers[member, of: stream].polled.isEmpty) {
                    feedStreamInstance(member, of: stream)
                }
                if !consumers[member, of: stream].needsPoll && consumers[member, of: stream].polled.isEmpty {
                    consumers[consumer].membersWithWork.remove(member)
                }
            }
        }
    }

    /// Keeps a queue member among those with work while it holds prefetched deliveries or never asked.
    private func settleQueueWork(_ member: InstanceID, of part: QueueConsumerID) {
        let consumer = consumers[part].consumer
        if consumers[member, of: part].deliveries.isEmpty && consumers[member, of: part].hasReceived {
            consumers[consumer].membersWithWork.remove(member)
        } else {
            consumers[consumer].membersWithWork.insert(member)
        }
    }

    /// Tops up a member's prefetch from its queue and starts what it can. A member that has asked the
    /// queue before skips asking a queue this pass found dry: the answer would be the same nothing.
    private func feedQueueInstance(_ id: InstanceID, of part: QueueConsumerID, from queue: WorkQueue, queueDry: inout Bool) {
        let spec = consumers[consumers[id].consumer].spec
        let room = consumers[part].prefetch - consumers[id].busy - consumers[id, of: part].deliveries.count
        if room > 0 && !(queueDry && consumers[id, of: part].hasReceived) {
            consumers[id, of: part].hasReceived = true
            queue.receive(consumer: consumers[id].name, max: room, into: &deliveriesScratch)
            for delivery in deliveriesScratch { consumers[id, of: part].deliveries.append(delivery) }
            if !deliveriesScratch.isEmpty { touch(queue: consumers[part].stats) }
            noteQueueDeliveries(queue: consumers[part].stats)
            if deliveriesScratch.count < room && !queueDry { queueDry = queue.waitingCount == 0 }
        }
        while consumers[id].isActive && consumers[id].busy < spec.concurrency,
              let delivery = consumers[id, of: part].deliveries.popFirst() {
            let job = Job(delivery: delivery, partition: 0, offset: delivery.sequence, key: delivery.key,
                          poison: false, failsItself: false, callsDownstream: false, breakerRefused: false, attempt: 1,
                          startedAt: now, enqueuedAt: delivery.enqueuedAt, partitionEpoch: 0)
            if delivery.deliveryCount == 1 && window.counts(enteredAt: delivery.enqueuedAt) {
                queues[consumers[part].stats].waits.add(Double(now - delivery.enqueuedAt) / 1e9)
            }
            begin(job, instance: id, value: delivery.value, headers: delivery.headers)
        }
    }

    /// Records polled but not started: enough to keep every slot busy on different partitions.
    static func streamBufferLimit(_ spec: ConsumerSpec) -> Int { spec.maxInFlight ?? (spec.concurrency + 4) }

    private func feedStreamInstance(_ id: InstanceID, of stream: StreamConsumerID) {
        let group = consumers[stream].group
        let consumer = consumers[id].consumer
        let spec = consumers[consumer].spec
        let room = Self.streamBufferLimit(spec) - consumers[id, of: stream].bufferedRecords
        if room > 0 && consumers[id, of: stream].needsPoll {
            consumers[id, of: stream].needsPoll = false
            // An active instance is a member of its group: a refused poll is the model's mistake.
            guard brokerCall("\(consumers[id].name) polls \(group.id)", { () throws(BrokerError) in
                try group.poll(member: consumers[id].name, max: room, into: &batchScratch)
            }) != nil else { return }
            commitPolledBatch(consumer: consumer, group: group)
            for record in batchScratch { consumers[id, of: stream].polled.append(record) }
        }
        // One record at a time per partition keeps per-key order; partitions run side by side. Only
        // partitions with polled records are visited, in ascending order.
        for partition in consumers[id, of: stream].polled.partitions {
            guard consumers[id].isActive && consumers[id].busy < spec.concurrency else { break }
            if !consumers[id, of: stream].busyPartitions[partition],
               let record = consumers[id, of: stream].polled.popFirst(partition: partition) {
                let value = record.value
                let job = Job(delivery: nil, partition: partition, offset: record.offset, key: record.key, poison: false,
                              failsItself: false, callsDownstream: false, breakerRefused: false, attempt: 1,
                              startedAt: now, enqueuedAt: record.timestamp,
                              partitionEpoch: consumers[stream].partitionEpochs[partition])
                begin(job, instance: id, value: value, headers: record.headers)
            }
        }
    }

    /// Starts a job: counts a duplicate delivery, skips it if the idempotent consumer has seen it,
    /// commits first under commit-before, and schedules the end of its first attempt.
    private func begin(_ template: Job, instance id: InstanceID, value: [UInt8], headers: [Header]) {
        var job = template
        let consumer = consumers[id].consumer
        let alreadyDone = effectRan(job, consumer: consumer)
        if alreadyDone {
            consumers[consumer].duplicatesDelivered += 1
            job.knownDuplicate = true
        }
        if let stream = consumers[consumer].source.stream { noteStreamStart(job, stream: stream, alreadyDone: alreadyDone) }
        job.poison = consumers[consumer].poison.isPoison(key: job.key, value: value, marked: PoisonMark.isMarked(headers))
        if consumers[consumer].spec.idempotent && alreadyDone {
            // The dedupe store remembers it: acknowledge without running the side effect again.
            if let stream = consumers[consumer].source.stream, case .before = consumers[consumer].spec.commit {
                commit(job, instance: id, stream: stream)
            }
            settleSuccess(job, instance: id)
            return
        }
        guard let slot = consumers[id].freeSlot else { return }
        job.ticket = consumers[id].nextTicket
        consumers[id].nextTicket += 1
        consumers[id].slots[slot] = job
        consumers[id].busy += 1
        switch consumers[consumer].source {
        case .queue(_, let part):
            let stats = consumers[part].stats
            queues[stats].inService += 1
            touch(queue: stats)
        case .stream(_, let stream):
            consumers[id, of: stream].busyPartitions[job.partition] = true
            if case .before = consumers[consumer].spec.commit { commit(job, instance: id, stream: stream) }
        }
        startAttempt(instance: id, slot: slot)
    }

    /// Draws how this attempt goes and schedules its end.
    func startAttempt(instance id: InstanceID, slot: Int) {
        guard var job = consumers[id].slots[slot] else { return }
        let consumer = consumers[id].consumer
        let spec = consumers[consumer].spec
        job.failsItself = job.poison || consumers[consumer].random.chance(spec.failureProbability)
        job.callsDownstream = false
        job.breakerRefused = false
        if !job.failsItself, let downstream = consumers[consumer].downstream {
            if admitCall(downstream: downstream) { job.callsDownstream = true } else { job.breakerRefused = true }
        }
        let duration = job.breakerRefused ? Self.failFast
            : spec.service.sample(using: &consumers[consumer].random)
        let scaled = consumers[id].slowness == 1 ? duration : Nanos(saturating: Double(duration) * consumers[id].slowness)
        consumers[id].slots[slot] = job
        schedule(.jobDone(instance: id, slot: slot, ticket: job.ticket), at: now + max(1, scaled))
    }
}
