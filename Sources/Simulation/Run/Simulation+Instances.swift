import Broker
import SluiceModel

/// Consumer instances coming and going: scale, crash, restart, pause, resume, and the rebalances they cause.
extension Simulation {
    /// Starts one more instance of a consumer (a stream member joins its group and the group rebalances).
    @discardableResult
    func addInstance(consumer: ConsumerID) -> String {
        let id = newInstance(of: consumer)
        join(instance: id)
        return consumers[id].name
    }

    /// Starts a consumer's first instances. A stream consumer's join their group together, in one
    /// rebalance, as members starting at once do: a thousand members cost one rebalance (and one log line
    /// listing them) instead of a thousand. Nothing was handed out yet, so nothing is committed first.
    func startInstances(of consumer: ConsumerID, count: Int) {
        guard case .stream(let group, let stream) = consumers[consumer].source else {
            for _ in 0..<count { addInstance(consumer: consumer) }
            return
        }
        let started = (0..<count).map { _ in newInstance(of: consumer) }
        group.join(members: started.map { consumers[$0].name })
        refreshAssignments(stream: stream)
        consumers.markDirty(consumer)
    }

    /// A new instance, with its slowness from the scenario, asked to poll at its first dispatch.
    private func newInstance(of consumer: ConsumerID) -> InstanceID {
        let slow = consumers[consumer].spec.slow
        let id = consumers.addInstance(to: consumer) { number in slow.first { $0.instance == number }?.factor ?? 1 }
        requestPoll(instance: id)
        return id
    }

    /// Puts an instance into its group (streams) or sets its prefetch (queues), and lets it work.
    private func join(instance id: InstanceID) {
        let consumer = consumers[id].consumer
        switch consumers[consumer].source {
        case .stream(let group, let stream):
            commitHandedOutBeforeRebalance(stream: stream, changing: id, changingCommits: false)
            group.join(member: consumers[id].name)
            refreshAssignments(stream: stream)
        case .queue(let queue, let part):
            brokerCall("max in flight of \(consumers[id].name)") { () throws(BrokerError) in
                try queue.setMaxInFlight(consumers[part].prefetch, consumer: consumers[id].name)
            }
            queue.resume(consumer: consumers[id].name)
            recomputeSlots(queue: queue.name)
        }
        consumers.markDirty(consumer)
    }

    /// Takes an instance out of its group (streams) and stops it receiving (queues); one shutting down
    /// `gracefully` still commits under auto-commit, a crashed one does not.
    private func depart(instance id: InstanceID, gracefully: Bool) {
        let consumer = consumers[id].consumer
        switch consumers[consumer].source {
        case .stream(let group, let stream):
            commitHandedOutBeforeRebalance(stream: stream, changing: id, changingCommits: gracefully)
            brokerCall("\(consumers[id].name) leaves \(group.id)") { () throws(BrokerError) in try group.leave(member: consumers[id].name) }
            refreshAssignments(stream: stream)
        case .queue(let queue, _):
            queue.pause(consumer: consumers[id].name)
            recomputeSlots(queue: queue.name)
        }
        consumers.markDirty(consumer)
    }

    /// The instance dies: work in progress is abandoned, buffered messages are forgotten, and its
    /// partitions (streams) or unacked deliveries (queues, after their deadline) go to others.
    func crash(instance id: InstanceID) {
        guard consumers[id].life != .crashed && consumers[id].life != .removed else { return }
        let stream = consumers[consumers[id].consumer].source.stream
        let owned = stream.map { ownedPartitions(instance: id, of: $0) } ?? []
        releaseService(instance: id)
        consumers.dropWork(of: id)
        consumers[id].life = .crashed
        record(.crash, "\(consumers[id].name) crashed")
        depart(instance: id, gracefully: false)
        if let stream { noteCrashWindow(stream: stream, partitions: owned) }
    }

    func restart(instance id: InstanceID) {
        guard consumers[id].life == .crashed else { return }
        consumers[id].life = .running
        record(.restart, "\(consumers[id].name) restarted")
        join(instance: id)
    }

    /// Pauses a running instance (it finishes what it started, takes nothing new) or resumes a paused one.
    func setPaused(instance id: InstanceID, _ paused: Bool) {
        guard consumers[id].life == (paused ? .running : .paused) else { return }
        consumers[id].life = paused ? .paused : .running
        let name = consumers[id].name
        // A stream group logs its own pauses; a work queue does not, so the simulation does.
        switch consumers[consumers[id].consumer].source {
        case .stream(let group, _):
            brokerCall("\(paused ? "pause" : "resume") \(name)") { () throws(BrokerError) in
                try paused ? group.pause(member: name) : group.resume(member: name)
            }
        case .queue(let queue, _):
            if paused { queue.pause(consumer: name) } else { queue.resume(consumer: name) }
            record(paused ? .pause : .resume, "\(name) \(paused ? "paused" : "resumed")")
        }
        requestPoll(instance: id)
        consumers.markDirty(consumers[id].consumer)
    }

    /// Pauses or resumes a whole consumer (its group, for streams).
    func setPaused(consumer: ConsumerID, _ paused: Bool) {
        consumers[consumer].paused = paused
        // Resuming the consumer resumes instances paused on their own too, at the broker as well as here,
        // as the group's whole-group resume does for streams; so update their life first.
        if !paused {
            for member in consumers[consumer].instances where consumers[member].life == .paused { consumers[member].life = .running }
        }
        switch consumers[consumer].source {
        case .stream(let group, _):
            brokerCall("\(paused ? "pause" : "resume") \(group.id)") { () throws(BrokerError) in
                try paused ? group.pause(member: nil) : group.resume(member: nil)
            }
        case .queue(let queue, _):
            for member in consumers[consumer].instances where consumers[member].isActive {
                if paused { queue.pause(consumer: consumers[member].name) } else { queue.resume(consumer: consumers[member].name) }
            }
            record(paused ? .pause : .resume, "\(consumers[consumer].sourceName): \(paused ? "paused" : "resumed") \(consumers[consumer].spec.name)")
        }
        markAllMembersToPoll(consumer: consumer)
    }

    /// Scales a consumer to `count` live instances: new ones join, the newest leave gracefully
    /// (their work in progress is given back, as a consumer shutting down does).
    func scale(consumer: ConsumerID, to count: Int) {
        let live = consumers.liveInstances(of: consumer)
        if live.count < count {
            for _ in live.count..<count { addInstance(consumer: consumer) }
        } else if live.count > count {
            for member in live.suffix(live.count - count).reversed() {
                giveBackWork(instance: member)
                releaseService(instance: member)
                consumers.dropWork(of: member)
                consumers[member].life = .removed
                depart(instance: member, gracefully: true)
            }
        }
        record(.scale, "\(consumers[consumer].spec.name) scaled to \(count) instances")
    }

    /// Nacks a leaving queue instance's deliveries so they are redelivered at once, not after the deadline.
    private func giveBackWork(instance id: InstanceID) {
        guard case .queue(let queue, let part) = consumers[consumers[id].consumer].source else { return }
        let held = consumers[id].slots.compactMap { $0?.delivery } + consumers[id, of: part].deliveries.elements
        for delivery in held {
            // A delivery whose deadline passed is already back in the queue: nothing to give back.
            _ = brokerCall("\(consumers[id].name) gives back #\(delivery.sequence)", expected: \.isDeliveryNoLongerInFlight) {
                () throws(BrokerError) in try queue.nack(delivery.receipt, delay: 0)
            }
        }
    }

    /// Messages in service no longer are (for queue utilization statistics).
    private func releaseService(instance id: InstanceID) {
        guard case .queue(_, let part) = consumers[consumers[id].consumer].source else { return }
        let stats = consumers[part].stats
        queues[stats].inService -= consumers[id].busy
        touch(queue: stats)
    }

    /// Consumer slots able to work on a queue: live instances times their concurrency.
    func recomputeSlots(queue name: String) {
        guard let stats = queueID(named: name) else { return }
        var slots = 0
        for consumer in consumers.reading(name) {
            for member in consumers[consumer].instances where consumers[member].life == .running || consumers[member].life == .paused {
                slots += consumers[consumer].spec.concurrency
            }
        }
        queues[stats].slots = slots
        touch(queue: stats)
    }

    /// After a rebalance: buffered records of partitions that moved are dropped (the new owner reads
    /// them again from the committed offset), and work in progress on them may no longer commit.
    func refreshAssignments(stream: StreamConsumerID) {
        let consumer = consumers[stream].consumer
        let group = consumers[stream].group
        var owners = [InstanceID?](repeating: nil, count: consumers[stream].owners.count)
        for member in consumers[consumer].instances where consumers[member].exists && consumers[member].life != .crashed {
            let assigned = brokerCall("assignment of \(consumers[member].name)") { () throws(BrokerError) in
                try group.assignment(of: consumers[member].name)
            }
            for partition in assigned ?? [] { owners[partition] = member }
        }
        for partition in owners.indices where owners[partition] != consumers[stream].owners[partition] {
            consumers[stream].partitionEpochs[partition] += 1
            consumers[stream].lastOffsetByKey[partition].removeAll()
            if let previous = consumers[stream].owners[partition] { consumers[previous, of: stream].polled.removeAll(partition: partition) }
        }
        consumers[stream].owners = owners
        markAllMembersToPoll(consumer: consumer)
    }

    /// Drops everything an instance fetched and has not finished from a partition, as a Kafka client's
    /// seek does: its buffered records and the record in progress, even one it retries in place.
    func dropUnfinished(instance id: InstanceID, of stream: StreamConsumerID, partition: Int) {
        consumers[id, of: stream].polled.removeAll(partition: partition)
        for slot in consumers[id].slots.indices {
            guard let job = consumers[id].slots[slot], job.delivery == nil, job.partition == partition else { continue }
            release(slot: slot, instance: id)
        }
        requestPoll(instance: id)
    }

    /// Instances a fault target names: one (`billing/2`) or every live one of a consumer (`billing`).
    func instanceIDs(target: String) -> [InstanceID] {
        if let single = consumers.instance(named: target) { return [single] }
        guard let consumer = consumers.id(named: target) else { return [] }
        return consumers.liveInstances(of: consumer)
    }
}
