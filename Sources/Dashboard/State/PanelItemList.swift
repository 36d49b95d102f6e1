import SluiceModel

/// A panel's rows, in order, without building one value per row: runs of rows (a topic's partitions,
/// a group's members) are kept as the snapshot's own arrays and a row is made when it is asked for,
/// so a cluster with thousands of partitions costs a frame only the rows that show.
public struct PanelItemList: RandomAccessCollection, Equatable, Sendable {
    /// Rows that come from one place in the snapshot.
    enum Run: Equatable, Sendable {
        case one(PanelItem)
        case partitions(topic: String, [PartitionSnapshot])
        case members(group: GroupOrQueue, [MemberSnapshot])
        case listed([PanelItem])

        var count: Int {
            switch self {
            case .one: 1
            case .partitions(_, let partitions): partitions.count
            case .members(_, let members): members.count
            case .listed(let items): items.count
            }
        }

        func item(_ offset: Int) -> PanelItem {
            switch self {
            case .one(let item): item
            case .partitions(let topic, let partitions): .partition(topic: topic, index: partitions[offset].index)
            case .members(let group, let members): .member(group: group, member: members[offset].id)
            case .listed(let items): items[offset]
            }
        }
    }

    private var runs: [Run] = []
    /// Where each run starts; a row is found by a binary search over these, one entry per run.
    private var starts: [Int] = []
    public private(set) var count = 0

    public init() {}

    public init(_ items: [PanelItem]) { append(.listed(items)) }

    mutating func append(_ run: Run) {
        guard run.count > 0 else { return }
        runs.append(run)
        starts.append(count)
        count += run.count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> PanelItem {
        precondition(position >= 0 && position < count, "row \(position) of \(count)")
        // The last run starting at or before `position`.
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return runs[low].item(position - starts[low])
    }

    public static func == (left: PanelItemList, right: PanelItemList) -> Bool { left.elementsEqual(right) }
}
