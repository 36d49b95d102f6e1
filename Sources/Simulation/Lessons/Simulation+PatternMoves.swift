import Broker
import SluiceModel

/// The lesson actions on pattern models: a CDC connector that restarts from its checkpoint, and
/// read-model versions deployed on an event-sourced stream (one with a bug, one that fixes it by replay).
extension Simulation {
    /// The connector re-sends every change of the last `resend` (its position since the last checkpoint),
    /// partition by partition in log order, as new records: at-least-once, so the stream gets duplicates.
    func restartConnector(pattern name: String, resend: Nanos) {
        guard let pattern = lessonPattern(named: name) else { return }
        let topic = patterns[pattern].topic
        var changes: [StoredRecord] = []
        brokerCall("\(name)'s connector reads its stream") { () throws(BrokerError) in
            try topic.forEachRetainedRecord { if $0.timestamp >= now - resend { changes.append($0) } }
        }
        for change in changes {
            _ = publishExternal(target: topic.name, key: change.key, value: change.value, headers: change.headers, messageId: nil)
        }
        patterns[pattern].resent += Int64(changes.count)
        record(.restart, "\(name): connector restarted from its checkpoint, sent the last \(DurationText.format(resend)) of changes again (\(changes.count))")
    }

    /// Starts a new read-model version reading the pattern's stream from offset 0 in a group of its own;
    /// it replaces the previous version, whose error count at that moment is kept.
    func deployProjection(pattern name: String, dropsWithdrawals: Bool) {
        guard let pattern = lessonPattern(named: name) else { return }
        let version = (patterns[pattern].readModel?.version ?? 0) + 1
        let previousWrong = patterns[pattern].readModel.map { wrongAccounts(pattern: pattern, projection: $0) }
        do throws(BrokerError) {
            let group = try broker.createGroup("\(name)-read-model-v\(version)", topic: patterns[pattern].topic.name)
            var projection = DeployedProjection(group: group, member: "\(name)-read-model-v\(version)/1", version: version,
                                                dropsWithdrawals: dropsWithdrawals)
            projection.wrongBeforeRedeploy = previousWrong ?? 0
            patterns[pattern].readModel = projection
        } catch {
            record(.warning, "\(name): read model v\(version) could not start: \(error)")
            return
        }
        let what = dropsWithdrawals ? "with a bug: it ignores withdrawals" : "rebuilding from offset 0"
        record(.info, "\(name): read model v\(version) deployed, \(what)")
    }

    /// The pattern a lesson move names; validation checked the name, so an unknown one is the model's mistake.
    private func lessonPattern(named name: String) -> PatternID? {
        guard let pattern = patterns.id(named: name) else {
            fail("lesson moves name a pattern of the scenario", "no pattern named \(name)")
            return nil
        }
        return pattern
    }

    /// Deployed read models read what arrived (once a second).
    func catchUpProjections() {
        for pattern in patterns.ids {
            brokerCall("read model of \(patterns[pattern].spec.name) catches up") { () throws(BrokerError) in
                try patterns[pattern].readModel?.catchUp()
            }
        }
    }

    /// Accounts on which the read model, once caught up, disagrees with the truth.
    func wrongAccounts(pattern: PatternID, projection: DeployedProjection) -> Int {
        let table = brokerCall("read model of \(patterns[pattern].spec.name) reads its stream") { () throws(BrokerError) in
            try projection.caughtUp(with: patterns[pattern].topic)
        } ?? [:]
        let accounts = Set(table.keys).union(patterns[pattern].truth.keys)
        return accounts.filter { table[$0, default: 0] != patterns[pattern].truth[$0, default: 0] }.count
    }

    /// Tombstones (records with a key and no value) in a pattern's stream.
    func tombstones(pattern: PatternID) -> Int64 {
        var count: Int64 = 0
        brokerCall("tombstones of \(patterns[pattern].spec.name)'s stream") { () throws(BrokerError) in
            try patterns[pattern].topic.forEachRetainedRecord { if $0.value.isEmpty && $0.key != nil { count += 1 } }
        }
        return count
    }
}

/// A read model a lesson deploys on an event-sourced stream: balances per account, built by its own
/// consumer group from offset 0; a buggy version ignores withdrawals (negative amounts).
struct DeployedProjection {
    let group: ConsumerGroup
    let member: String
    let version: Int
    let dropsWithdrawals: Bool
    private(set) var table: [String: Int64] = [:]
    private(set) var applied: Int64 = 0
    /// The previous version's wrong accounts when this one replaced it.
    var wrongBeforeRedeploy = 0

    init(group: ConsumerGroup, member: String, version: Int, dropsWithdrawals: Bool) {
        self.group = group
        self.member = member
        self.version = version
        self.dropsWithdrawals = dropsWithdrawals
        group.join(member: member)
    }

    mutating func catchUp() throws(BrokerError) {
        let batch = try group.poll(member: member, max: 10_000)
        guard !batch.isEmpty else { return }
        for record in batch {
            applied += 1
            apply(key: record.key, value: record.value, to: &table)
        }
        try group.commit(batch)
    }

    func apply(key: [UInt8]?, value: [UInt8], to table: inout [String: Int64]) {
        let amount = StreamProjection.number(after: "\"value\":", in: value)
        if dropsWithdrawals && amount < 0 { return }
        table[String(decoding: key ?? [], as: UTF8.self), default: 0] += amount
    }

    /// The table once everything in the stream is applied, computed on a copy so looking changes nothing.
    func caughtUp(with topic: Topic) throws(BrokerError) -> [String: Int64] {
        var copy = table
        try topic.forEachRetainedRecord(from: { (partition) throws(BrokerError) in try group.committedOffset(partition: partition) }) { record in
            apply(key: record.key, value: record.value, to: &copy)
        }
        return copy
    }
}
