import Broker
import SluiceModel

/// Consumer instances coming and going: scale, crash, restart, pause, resume, and the rebalances they cause.
extension Simulation {
    /// Starts one more instance of a consumer (a stream member joins its group and the group rebalances).
    @discardableResult
    func addInstance(consumer index: Int) -> String {
        let spec = consumers[index].spec
        let number = consumers[index].nextInstanceNumber
        consumers[index].nextInstanceNumber += 1
        let slowness = spec.slow.first { $0.instance == number }?.factor ?? 1
        let partitions = if case .stream(_, let topic) = consumers[index].source { topic.partitionCount } else { 1 }
        let instance = InstanceState(consumer: index, number: number, name: spec.name, concurrency: spec.concurrency,
                                     partitions: partitions, slowness: slowness)
        instances.append(instance)
        instances[instances.count - 1].position = consumers[index].instances.count
        consumers[index].instances.append(instances.count - 1)
        requestPoll(instance: instances.count - 1)
        join(instance: instances.count - 1)
        return instance.id
    }

    /// Puts an instance into its group (streams) or sets its prefetch (queues), and lets it work.
    private func join(instance index: Int) {
        let consumer = instances[index].consumer
        switch consumers[consumer].source {
        case .stream(let group, _):
            commitHandedOutBeforeRebalance(consumer: consumer, changing: index, changingCommits: false)
            group.join(member: instances[index].id)
            refreshAssignments(consumer: consumer)
        case .queue(let queue):
            let spec = consumers[consumer].spec
            brokerCall("max in flight of \(instances[index].id)") { () throws(BrokerError) in
                try queue.setMaxInFlight(max(spec.maxInFlight ?? spec.concurrency, spec.concurrency), consumer: instances[index].id)
            }
            queue.resume(consumer: instances[index].id)
            recomputeSlots(queue: queue.name)
        }
        markDirty(consumer: consumer)
    }

    /// Takes an instance out of its group (streams) and stops it receiving (queues); one shutting down
    /// `gracefully` still commits under auto-commit, a crashed one does not.
    private func depart(instance index: Int, gracefully: Bool) {
        let consumer = instances[index].consumer
        switch consumers[consumer].source {
        case .stream(let group, _):
            commitHandedOutBeforeRebalance(consumer: consumer, changing: index, changingCommits: gracefully)
            brokerCall("\(instances[index].id) leaves \(group.id)") { () throws(BrokerError) in try group.leave(member: instances[index].id) }
            refreshAssignments(consumer: consumer)
        case .queue(let queue):
            queue.pause(consumer: instances[index].id)
            recomputeSlots(queue: queue.name)
        }
        markDirty(consumer: consumer)
    }

    /// The instance dies: work in progress is abandoned, buffered messages are forgotten, and its
    /// partitions (streams) or unacked deliveries (queues, after their deadline) go to others.
    func crash(instance index: Int) {
        guard instances[index].life != .crashed && instances[index].life != .removed else { return }
        let owned = ownedPartitions(instance: index)
        releaseService(instance: index)
        instances[index].dropWork()
        instances[index].life = .crashed
        record(.crash, "\(instances[index].id) crashed")
        depart(instance: index, gracefully: false)
        noteCrashWindow(consumer: instances[index].consumer, partitions: owned)
    }

    func restart(instance index: Int) {
        guard instances[index].life == .crashed else { return }
        instances[index].life = .running
        record(.restart, "\(instances[index].id) restarted")
        join(instance: index)
    }

    /// Pauses a running instance (it finishes what it started, takes nothing new) or resumes a paused one.
    func setPaused(instance index: Int, _ paused: Bool) {
        guard instances[index].life == (paused ? .running : .paused) else { return }
        instances[index].life = paused ? .paused : .running
        let id = instances[index].id
        // A stream group logs its own pauses; a work queue does not, so the simulation does.
        switch consumers[instances[index].consumer].source {
        case .stream(let group, _):
            brokerCall("\(paused ? "pause" : "resume") \(id)") { () throws(BrokerError) in
                try paused ? group.pause(member: id) : group.resume(member: id)
            }
        case .queue(let queue):
            if paused { queue.pause(consumer: id) } else { queue.resume(consumer: id) }
            record(paused ? .pause : .resume, "\(id) \(paused ? "paused" : "resumed")")
        }
        requestPoll(instance: index)
        markDirty(consumer: instances[index].consumer)
    }

    /// Pauses or resumes a whole consumer (its group, for streams).
    func setPaused(consumer index: Int, _ paused: Bool) {
        consumers[index].paused = paused
        // Resuming the consumer resumes instances paused on their own too, at the broker as well as here,
        // as the group's whole-group resume does for streams; so update their life first.
        if !paused {
            for member in consumers[index].instances where instances[member].life == .paused { instances[member].life = .running }
        }
        switch consumers[index].source {
        case .stream(let group, _):
            brokerCall("\(paused ? "pause" : "resume") \(group.id)") { () throws(BrokerError) in
                try paused ? group.pause(member: nil) : group.resume(member: nil)
            }
        case .queue(let queue):
            for member in consumers[index].instances where instances[member].isActive {
                if paused { queue.pause(consumer: instances[member].id) } else { queue.resume(consumer: instances[member].id) }
            }
            record(paused ? .pause : .resume, "\(consumers[index].sourceName): \(paused ? "paused" : "resumed") \(consumers[index].spec.name)")
        }
        markAllMembersToPoll(consumer: index)
    }

    /// Scales a consumer to `count` live instances: new ones join, the newest leave gracefully
    /// (their work in progress is given back, as a consumer shutting down does).
    func scale(consumer index: Int, to count: Int) {
        let live = consumers[index].instances.filter { instances[$0].exists }
        if live.count < count {
            for _ in live.count..<count { addInstance(consumer: index) }
        } else if live.count > count {
            for member in live.suffix(live.count - count).reversed() {
                giveBackWork(instance: member)
                releaseService(instance: member)
                instances[member].dropWork()
                instances[member].life = .removed
                depart(instance: member, gracefully: true)
            }
        }
        record(.scale, "\(consumers[index].spec.name) scaled to \(count) instances")
    }

    /// Nacks a leaving queue instance's deliveries so they are redelivered at once, not after the deadline.
    private func giveBackWork(instance index: Int) {
        guard case .queue(let queue) = consumers[instances[index].consumer].source else { return }
        let held = instances[index].slots.compactMap { $0?.delivery } + instances[index].deliveries.elements
        for delivery in held {
            // A delivery whose deadline passed is already back in the queue: nothing to give back.
            _ = brokerCall("\(instances[index].id) gives back #\(delivery.sequence)", expected: \.isDeliveryNoLongerInFlight) {
                () throws(BrokerError) in try queue.nack(delivery.receipt, delay: 0)
            }
        }
    }

    /// Messages in service no longer are (for queue utilization statistics).
    private func releaseService(instance index: Int) {
        guard case .queue(let queue) = consumers[instances[index].consumer].source else { return }
        let stats = queueID(of: queue)
        queues[stats].inService -= instances[index].busy
        touch(queue: stats)
    }

    /// Consumer slots able to work on a queue: live instances times their concurrency.
    func recomputeSlots(queue name: String) {
        guard let stats = queueID(named: name) else { return }
        var slots = 0
        for consumer in consumers where consumer.spec.source == name {
            for member in consumer.instances where instances[member].life == .running || instances[member].life == .paused {
                slots += consumer.spec.concurrency
            }
        }
        queues[stats].slots = slots
        touch(queue: stats)
    }

    /// After a rebalance: buffered records of partitions that moved are dropped (the new owner reads
    /// them again from the committed offset), and work in progress on them may no longer commit.
    func refreshAssignments(consumer index: Int) {
        guard case .stream(let group, _) = consumers[index].source else { return }
        var owners = [Int?](repeating: nil, count: consumers[index].owners.count)
        for member in consumers[index].instances where instances[member].exists && instances[member].life != .crashed {
            let assigned = brokerCall("assignment of \(instances[member].id)") { () throws(BrokerError) in
                try group.assignment(of: instances[member].id)
            }
            for partition in assigned ?? [] { owners[partition] = member }
        }
        for partition in owners.indices where owners[partition] != consumers[index].owners[partition] {
            consumers[index].partitionEpochs[partition] += 1
            consumers[index].lastOffsetByKey[partition].removeAll()
            if let previous = consumers[index].owners[partition] { dropBuffered(instance: previous, partition: partition) }
        }
        consumers[index].owners = owners
        markAllMembersToPoll(consumer: index)
    }

    func dropBuffered(instance index: Int, partition: Int) {
        instances[index].polled.removeAll(partition: partition)
    }

    /// Drops everything an instance fetched and has not finished from a partition, as a Kafka client's
    /// seek does: its buffered records and the record in progress, even one it retries in place.
    func dropUnfinished(instance index: Int, partition: Int) {
        dropBuffered(instance: index, partition: partition)
        for slot in instances[index].slots.indices {
            guard let job = instances[index].slots[slot], job.delivery == nil, job.partition == partition else { continue }
            release(slot: slot, instance: index)
        }
        requestPoll(instance: index)
    }

    /// The instance a target names (`billing/2`), if it exists.
    func instanceIndex(named id: String) -> Int? {
        instances.firstIndex { $0.id == id && $0.exists }
    }

    /// Instances a fault target names: one (`billing/2`) or every live one of a consumer (`billing`).
    func instanceIndexes(target: String) -> [Int] {
        if let single = instanceIndex(named: target) { return [single] }
        guard let consumer = consumers.firstIndex(where: { $0.spec.name == target }) else { return [] }
        return consumers[consumer].instances.filter { instances[$0].exists }
    }
}
