/// How a consumer group spreads a topic's partitions over its members (Kafka's assignors).
public enum AssignmentStrategy: String, Sendable, Equatable, CaseIterable {
    /// Contiguous ranges, the first `n % m` members (by id) taking one extra.
    case range
    /// Partition p goes to member p mod m (by id).
    case roundRobin = "roundrobin"
    /// Balanced like round-robin, but partitions stay with their previous owner where possible.
    case sticky

    /// The owner of each partition. Members beyond the partition count get nothing and sit idle.
    func assign(partitionCount: Int, members: [String], previousOwners: [String?]) -> [String?] {
        let sorted = members.sorted()
        guard !sorted.isEmpty else { return Array(repeating: nil, count: partitionCount) }
        switch self {
        case .range: return Self.range(partitionCount: partitionCount, members: sorted)
        case .roundRobin: return (0..<partitionCount).map { sorted[$0 % sorted.count] }
        case .sticky: return Self.sticky(partitionCount: partitionCount, members: sorted, previousOwners: previousOwners)
        }
    }

    private static func range(partitionCount: Int, members: [String]) -> [String?] {
        let share = partitionCount / members.count
        let extra = partitionCount % members.count
        var owners: [String?] = []
        for (index, member) in members.enumerated() {
            owners += Array(repeating: member, count: share + (index < extra ? 1 : 0))
        }
        return owners
    }

    private static func sticky(partitionCount: Int, members: [String], previousOwners: [String?]) -> [String?] {
        var held: [String: [Int]] = [:]
        let present = Set(members)
        for (partition, owner) in previousOwners.enumerated() {
            if let owner, present.contains(owner) { held[owner, default: []].append(partition) }
        }
        // Members already holding the most keep the extra slots, so the fewest partitions move.
        let byHoldings = members.sorted { (held[$0]?.count ?? 0, $1) > (held[$1]?.count ?? 0, $0) }
        let share = partitionCount / members.count
        let extra = partitionCount % members.count
        var quota: [String: Int] = [:]
        for (rank, member) in byHoldings.enumerated() { quota[member] = share + (rank < extra ? 1 : 0) }

        var owners = [String?](repeating: nil, count: partitionCount)
        var counts: [String: Int] = [:]
        for member in members {
            for partition in (held[member] ?? []).prefix(quota[member] ?? 0) {
                owners[partition] = member
                counts[member, default: 0] += 1
            }
        }
        for partition in owners.indices where owners[partition] == nil {
            if let member = members.first(where: { counts[$0, default: 0] < quota[$0] ?? 0 }) {
                owners[partition] = member
                counts[member, default: 0] += 1
            }
        }
        return owners
    }
}
