import Broker
import SluiceModel

/// Handing work to idle instances: queue receives and stream polls, then starting jobs.
extension Simulation {
    /// A failed call refused by an open circuit breaker still takes a moment.
    static let failFast: Nanos = NanosPerUnit.millisecond

    func dispatchDirtyConsumers() {
        // Work started here can finish at this same instant (idempotent skips), marking consumers dirty again.
        var rounds = 0
        while !dirtyList.isEmpty && rounds < 1000 {
            rounds += 1
            let batch = dirtyList
            dirtyList.removeAll(keepingCapacity: true)
            for consumer in batch {
                dirty[consumer] = false
                dispatch(consumer: consumer)
            }
        }
    }

    private func dispatch(consumer index: Int) {
        guard !consumers[index].paused else { return }
        let members = consumers[index].instances
        guard !members.isEmpty else { return }
        let start = consumers[index].cursor % members.count
        consumers[index].cursor &+= 1
        // Once the queue has nothing waiting, the members after need not ask it again in this pass.
        var queueDry = false
        switch consumers[index].source {
        case .queue(let queue):
            // Round the members until the queue runs dry; after that only members holding prefetched
            // deliveries (or that never asked) can do anything, so only those are visited, in the same order.
            var step = 0
            while step < members.count && !queueDry {
                let member = members[(start + step) % members.count]
                step += 1
                if instances[member].isActive { feedQueueInstance(member, from: queue, queueDry: &queueDry) }
                settleQueueWork(member, consumer: index)
            }
            let count = members.count
            let done = step
            let rest = consumers[index].membersWithWork
                .map { (member: $0, offset: (instances[$0].position - start + count) % count) }
                .filter { $0.offset >= done }
                .sorted { $0.offset < $1.offset }
            for (member, _) in rest {
                if instances[member].isActive { feedQueueInstance(member, from: queue, queueDry: &queueDry) }
                settleQueueWork(member, consumer: index)
            }
        case .stream(let group, _):
            // Only members with something to poll or start, in the same round-robin order as the whole list.
            let count = members.count
            let due = consumers[index].membersWithWork.sorted {
                (instances[$0].position - start + count) % count < (instances[$1].position - start + count) % count
            }
            for member in due {
                if instances[member].isActive && (instances[member].needsPoll || !instances[member].polled.isEmpty) {
                    feedStreamInstance(member, from: group)
                }
                if !instances[member].needsPoll && instances[member].polled.isEmpty {
                    consumers[index].membersWithWork.remove(member)
                }
            }
        }
    }

    /// Keeps a queue member among those with work while it holds prefetched deliveries or never asked.
    private func settleQueueWork(_ member: Int, consumer: Int) {
        if instances[member].deliveries.isEmpty && instances[member].hasReceived {
            consumers[consumer].membersWithWork.remove(member)
        } else {
            consumers[consumer].membersWithWork.insert(member)
        }
    }

    /// Tops up a member's prefetch from its queue and starts what it can. A member that has asked the
    /// queue before skips asking a queue this pass found dry: the answer would be the same nothing.
    private func feedQueueInstance(_ index: Int, from queue: WorkQueue, queueDry: inout Bool) {
        let spec = consumers[instances[index].consumer].spec
        let prefetch = max(spec.maxInFlight ?? spec.concurrency, spec.concurrency)
        let room = prefetch - instances[index].busy - instances[index].deliveries.count
        if room > 0 && !(queueDry && instances[index].hasReceived) {
            instances[index].hasReceived = true
            queue.receive(consumer: instances[index].id, max: room, into: &deliveriesScratch)
            for delivery in deliveriesScratch { instances[index].deliveries.append(delivery) }
            if !deliveriesScratch.isEmpty { touch(queue: queueID(of: queue)) }
            noteQueueDeliveries(consumer: instances[index].consumer)
            if deliveriesScratch.count < room && !queueDry { queueDry = queue.waitingCount == 0 }
        }
        while instances[index].isActive && instances[index].busy < spec.concurrency,
              let delivery = instances[index].deliveries.popFirst() {
            let job = Job(delivery: delivery, partition: 0, offset: delivery.sequence, key: delivery.key,
                          poison: false, failsItself: false, callsDownstream: false, breakerRefused: false, attempt: 1,
                          startedAt: now, enqueuedAt: delivery.enqueuedAt, partitionEpoch: 0)
            if delivery.deliveryCount == 1 && delivery.enqueuedAt >= windowStart && windowOpen {
                queues[queueID(of: queue)].waits.add(Double(now - delivery.enqueuedAt) / 1e9)
            }
            begin(job, instance: index, value: delivery.value, headers: delivery.headers)
        }
    }

    /// Records polled but not started: enough to keep every slot busy on different partitions.
    static func streamBufferLimit(_ spec: ConsumerSpec) -> Int { spec.maxInFlight ?? (spec.concurrency + 4) }

    private func feedStreamInstance(_ index: Int, from group: ConsumerGroup) {
        let consumer = instances[index].consumer
        let spec = consumers[consumer].spec
        let room = Self.streamBufferLimit(spec) - instances[index].bufferedRecords
        if room > 0 && instances[index].needsPoll {
            instances[index].needsPoll = false
            // An active instance is a member of its group: a refused poll is the model's mistake.
            guard brokerCall("\(instances[index].id) polls \(group.id)", { () throws(BrokerError) in
                try group.poll(member: instances[index].id, max: room, into: &batchScratch)
            }) != nil else { return }
            commitPolledBatch(consumer: consumer, group: group)
            for record in batchScratch { instances[index].polled.append(record) }
        }
        // One record at a time per partition keeps per-key order; partitions run side by side. Only
        // partitions with polled records are visited, in ascending order.
        for partition in instances[index].polled.partitions {
            guard instances[index].isActive && instances[index].busy < spec.concurrency else { break }
            if !instances[index].busyPartitions[partition],
               let record = instances[index].polled.popFirst(partition: partition) {
                let value = record.value
                let job = Job(delivery: nil, partition: partition, offset: record.offset, key: record.key, poison: false,
                              failsItself: false, callsDownstream: false, breakerRefused: false, attempt: 1,
                              startedAt: now, enqueuedAt: record.timestamp,
                              partitionEpoch: consumers[consumer].partitionEpochs[partition])
                begin(job, instance: index, value: value, headers: record.headers)
            }
        }
    }

    /// Starts a job: counts a duplicate delivery, skips it if the idempotent consumer has seen it,
    /// commits first under commit-before, and schedules the end of its first attempt.
    private func begin(_ template: Job, instance index: Int, value: [UInt8], headers: [Header]) {
        var job = template
        let consumer = instances[index].consumer
        let alreadyDone = consumers[consumer].effects[job.partition].contains(job.offset)
        if alreadyDone {
            consumers[consumer].duplicatesDelivered += 1
            job.knownDuplicate = true
        }
        noteStreamStart(job, consumer: consumer, alreadyDone: alreadyDone)
        job.poison = consumers[consumer].poison.isPoison(key: job.key, value: value, marked: PoisonMark.isMarked(headers))
        if consumers[consumer].spec.idempotent && alreadyDone {
            // The dedupe store remembers it: acknowledge without running the side effect again.
            if job.delivery == nil, case .before = consumers[consumer].spec.commit { commit(job, instance: index) }
            settleSuccess(job, instance: index)
            return
        }
        guard let slot = instances[index].freeSlot else { return }
        job.ticket = instances[index].nextTicket
        instances[index].nextTicket += 1
        instances[index].slots[slot] = job
        instances[index].busy += 1
        if job.delivery != nil, case .queue(let queue) = consumers[consumer].source {
            let stats = queueID(of: queue)
            queues[stats].inService += 1
            touch(queue: stats)
        } else {
            instances[index].busyPartitions[job.partition] = true
            if case .before = consumers[consumer].spec.commit { commit(job, instance: index) }
        }
        startAttempt(instance: index, slot: slot)
    }

    /// Draws how this attempt goes and schedules its end.
    func startAttempt(instance index: Int, slot: Int) {
        guard var job = instances[index].slots[slot] else { return }
        let consumer = instances[index].consumer
        let spec = consumers[consumer].spec
        job.failsItself = job.poison || consumers[consumer].random.chance(spec.failureProbability)
        job.callsDownstream = false
        job.breakerRefused = false
        if !job.failsItself, let downstream = consumers[consumer].downstream {
            if admitCall(downstream: downstream) { job.callsDownstream = true } else { job.breakerRefused = true }
        }
        let duration = job.breakerRefused ? Self.failFast
            : spec.service.sample(using: &consumers[consumer].random)
        let scaled = instances[index].slowness == 1 ? duration : Nanos(saturating: Double(duration) * instances[index].slowness)
        instances[index].slots[slot] = job
        schedule(.jobDone(instance: index, slot: slot, ticket: job.ticket), at: now + max(1, scaled))
    }
}
