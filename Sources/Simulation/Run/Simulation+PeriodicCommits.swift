import Broker
import SluiceModel

/// Commits on a timer (`commit_interval`, `commit = "auto:5s"`): each one its own scheduled event at the
/// configured interval, so 200 ms commits five times a simulated second.
extension Simulation {
    /// Schedules a stream consumer's first periodic commit, when its strategy has one.
    func schedulePeriodicCommit(stream: StreamConsumerID) {
        let consumer = consumers[stream].consumer
        guard case .periodic(let periodic) = consumers[consumer].spec.commit else { return }
        scheduleCommit(consumer: consumer, at: now + periodic.interval)
    }

    /// Commits what the consumer's periodic strategy covers, then schedules the next commit.
    func periodicCommit(consumer: ConsumerID) {
        guard case .periodic(let periodic) = consumers[consumer].spec.commit else {
            return fail("periodic commit", "\(consumers[consumer].spec.name) has no periodic commit strategy")
        }
        guard let stream = consumers[consumer].source.stream else {
            return fail("periodic commit", "\(consumers[consumer].spec.name) reads a queue, which has no offsets to commit")
        }
        switch periodic.scope {
        case .processed: commitProcessed(stream: stream)
        case .handedOut: commitHandedOut(stream: stream, except: nil, including: nil)
        }
        scheduleCommit(consumer: consumer, at: now + periodic.interval)
    }

    /// The last one may fall at the very end of the run, as the old once-a-second check did.
    private func scheduleCommit(consumer: ConsumerID, at time: Nanos) {
        if time <= endTime { schedule(.periodicCommit(consumer: consumer), at: time) }
    }

    /// Kafka's auto-commit also commits before a rebalance (on revoke, and on a graceful close): what the
    /// live members were handed so far. `changing` joins or leaves now: one not yet in the group, or
    /// crashed, commits nothing; one shutting down (`changingCommits`) still does.
    func commitHandedOutBeforeRebalance(stream: StreamConsumerID, changing: InstanceID, changingCommits: Bool) {
        guard case .periodic(let periodic) = consumers[consumers[stream].consumer].spec.commit, periodic.scope == .handedOut else { return }
        commitHandedOut(stream: stream, except: changingCommits ? nil : changing, including: changing)
    }

    /// Per partition a live member owns: everything accounted for without a gap above the committed offset.
    private func commitProcessed(stream: StreamConsumerID) {
        let group = consumers[stream].group
        for (partition, owner) in consumers[stream].owners.enumerated() {
            guard let owner, consumers[owner].life == .running || consumers[owner].life == .paused else { continue }
            let committed = self.committed(of: group, partition: partition)
            let frontier = consumers[stream].accounted[partition].firstMissing(from: committed)
            guard frontier > committed else { continue }
            brokerCall("\(consumers[owner].name) commits \(group.id)[\(partition)] at \(frontier)") { () throws(BrokerError) in
                try group.commit(member: consumers[owner].name, partition: partition, offset: frontier)
            }
        }
    }

    /// Every live member but `except` (and `including`, whatever its life) commits the positions of the
    /// partitions it owns.
    private func commitHandedOut(stream: StreamConsumerID, except: InstanceID?, including: InstanceID?) {
        let group = consumers[stream].group
        for member in consumers[consumers[stream].consumer].instances where member != except {
            guard member == including || consumers[member].life == .running || consumers[member].life == .paused else { continue }
            brokerCall("\(consumers[member].name) commits what it was handed of \(group.id)") { () throws(BrokerError) in
                try group.commit(member: consumers[member].name)
            }
        }
    }
}
