import Broker
import SluiceModel

/// Commits on a timer (`commit_interval`, `commit = "auto:5s"`): each one its own scheduled event at the
/// configured interval, so 200 ms commits five times a simulated second.
extension Simulation {
    /// Schedules a consumer's first periodic commit, when its strategy has one.
    func schedulePeriodicCommit(consumer index: Int) {
        guard case .periodic(let periodic) = consumers[index].spec.commit else { return }
        scheduleCommit(consumer: index, at: now + periodic.interval)
    }

    /// Commits what the consumer's periodic strategy covers, then schedules the next commit.
    func periodicCommit(consumer index: Int) {
        guard case .periodic(let periodic) = consumers[index].spec.commit else {
            return fail("periodic commit", "\(consumers[index].spec.name) has no periodic commit strategy")
        }
        guard case .stream(let group, _) = consumers[index].source else {
            return fail("periodic commit", "\(consumers[index].spec.name) reads a queue, which has no offsets to commit")
        }
        switch periodic.scope {
        case .processed: commitProcessed(consumer: index, group: group)
        case .handedOut: commitHandedOut(consumer: index, group: group, except: nil, including: nil)
        }
        scheduleCommit(consumer: index, at: now + periodic.interval)
    }

    /// The last one may fall at the very end of the run, as the old once-a-second check did.
    private func scheduleCommit(consumer index: Int, at time: Nanos) {
        if time <= endTime { schedule(.periodicCommit(consumer: index), at: time) }
    }

    /// Kafka's auto-commit also commits before a rebalance (on revoke, and on a graceful close): what the
    /// live members were handed so far. `changing` joins or leaves now: one not yet in the group, or
    /// crashed, commits nothing; one shutting down (`changingCommits`) still does.
    func commitHandedOutBeforeRebalance(consumer index: Int, changing: Int, changingCommits: Bool) {
        guard case .periodic(let periodic) = consumers[index].spec.commit, periodic.scope == .handedOut,
              case .stream(let group, _) = consumers[index].source else { return }
        commitHandedOut(consumer: index, group: group, except: changingCommits ? nil : changing, including: changing)
    }

    /// Per partition a live member owns: everything accounted for without a gap above the committed offset.
    private func commitProcessed(consumer index: Int, group: ConsumerGroup) {
        for (partition, owner) in consumers[index].owners.enumerated() {
            guard let owner, instances[owner].life == .running || instances[owner].life == .paused else { continue }
            let committed = group.committed(ofPartition: partition)
            let frontier = consumers[index].accounted[partition].firstMissing(from: committed)
            guard frontier > committed else { continue }
            brokerCall("\(instances[owner].id) commits \(group.id)[\(partition)] at \(frontier)") { () throws(BrokerError) in
                try group.commit(member: instances[owner].id, partition: partition, offset: frontier)
            }
        }
    }

    /// Every live member but `except` (and `including`, whatever its life) commits the positions of the
    /// partitions it owns.
    private func commitHandedOut(consumer index: Int, group: ConsumerGroup, except: Int?, including: Int?) {
        for member in consumers[index].instances where member != except {
            guard member == including || instances[member].life == .running || instances[member].life == .paused else { continue }
            brokerCall("\(instances[member].id) commits what it was handed of \(group.id)") { () throws(BrokerError) in
                try group.commit(member: instances[member].id)
            }
        }
    }
}
