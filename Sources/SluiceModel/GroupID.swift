/// Names a consumer group. A Kafka group is a name of its own that subscribes to topics (`GroupID("billing")`);
/// a simulated group, a JetStream consumer and a Redis group are named within the one stream they read
/// (`GroupID("billing", stream: "orders")`), so two streams may each have a `billing`.
public struct GroupID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var name: String
    /// The stream whose namespace holds the name; nil where the name alone is the group (Kafka).
    public var stream: String?
    public init(_ name: String, stream: String? = nil) { self.name = name; self.stream = stream }

    /// `orders/billing` for a group named within its stream, `billing` for one that is not. Text for people,
    /// never parsed back.
    public var description: String { stream.map { "\($0)/\(name)" } ?? name }

    public static func < (left: GroupID, right: GroupID) -> Bool {
        (left.stream ?? "", left.name) < (right.stream ?? "", right.name)
    }
}
