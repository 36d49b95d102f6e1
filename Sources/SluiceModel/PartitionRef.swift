/// One partition of one topic: what a group's partitions, a member's assignment and a seek of one
/// partition name, so a group that reads several topics says which one.
public struct PartitionRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var topic: String
    public var partition: Int
    public init(topic: String, partition: Int) { self.topic = topic; self.partition = partition }

    /// `orders p2`.
    public var description: String { "\(topic) p\(partition)" }

    public static func < (left: PartitionRef, right: PartitionRef) -> Bool {
        (left.topic, left.partition) < (right.topic, right.partition)
    }
}
