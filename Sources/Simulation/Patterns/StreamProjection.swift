import Broker
import SluiceModel

/// A table built by reading a stream through a consumer group: CDC's replica, event sourcing's projection.
struct StreamProjection {
    enum Rule {
        /// Change events: `op` header insert/update/delete, the row's value in the payload.
        case replicate
        /// Events: the payload's amount added to the key's balance.
        case accumulate
    }

    let group: ConsumerGroup
    let member: String
    let rule: Rule
    private(set) var table: [String: Int64] = [:]
    private(set) var applied: Int64 = 0

    init(group: ConsumerGroup, member: String, rule: Rule) {
        self.group = group
        self.member = member
        self.rule = rule
        group.join(member: member)
    }

    /// Reads and applies what has arrived (at most `limit` records), committing after applying.
    mutating func catchUp(limit: Int = 10_000) throws(BrokerError) {
        let batch = try group.poll(member: member, max: limit)
        guard !batch.isEmpty else { return }
        for record in batch { apply(key: record.key, headers: record.headers, value: record.value) }
        try group.commit(batch)
    }

    mutating func apply(key: [UInt8]?, headers: [Header], value: [UInt8]) {
        applied += 1
        Self.apply(rule, key: key, headers: headers, value: value, to: &table)
    }

    static func apply(_ rule: Rule, key: [UInt8]?, headers: [Header], value: [UInt8], to table: inout [String: Int64]) {
        let row = String(decoding: key ?? [], as: UTF8.self)
        let number = number(after: "\"value\":", in: value)
        switch rule {
        case .replicate:
            let op = headers.first { $0.name == "op" }.map { String(decoding: $0.value, as: UTF8.self) }
            table[row] = op == "delete" || value.isEmpty ? nil : number
        case .accumulate:
            table[row, default: 0] += number
        }
    }

    /// The table as it will be once the reader has applied everything in the stream, computed on a copy
    /// (reading from the group's committed offsets) so that looking does not change the run.
    func caughtUp(with topic: Topic) throws(BrokerError) -> [String: Int64] {
        var copy = table
        try topic.forEachRetainedRecord(from: { (partition) throws(BrokerError) in try group.committedOffset(partition: partition) }) { record in
            Self.apply(rule, key: record.key, headers: record.headers, value: record.value, to: &copy)
        }
        return copy
    }

    /// Rebuilds a table from the whole stream, from its first retained record (event sourcing's replay).
    static func rebuild(from topic: Topic, rule: Rule) throws(BrokerError) -> [String: Int64] {
        var table = [String: Int64]()
        try topic.forEachRetainedRecord { record in
            apply(rule, key: record.key, headers: record.headers, value: record.value, to: &table)
        }
        return table
    }

    /// The integer after `marker` in a JSON payload (0 when absent).
    static func number(after marker: String, in bytes: [UInt8]) -> Int64 {
        let pattern = Array(marker.utf8)
        guard bytes.count >= pattern.count else { return 0 }
        for start in 0...(bytes.count - pattern.count) where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
            var index = start + pattern.count
            var negative = false
            if index < bytes.count && bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
            var value: Int64 = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return negative ? -value : value
        }
        return 0
    }
}
