import Broker
import KafkaProtocol

/// The topic partitions a consumer-protocol assignment (the bytes a group leader hands each member in
/// SyncGroup) names: a version, then Kafka's ConsumerProtocolAssignment at that version.
enum ConsumerAssignment {
    /// The partitions, or nil when the bytes are not a consumer-protocol assignment this codec reads
    /// (another protocol type, or a later version); the group then works on without showing them.
    static func partitions(in bytes: [UInt8]) -> [ClientGroupOffset.Key]? {
        var reader = KafkaReader(bytes)
        guard let version = try? reader.readInt16() else { return nil }
        // Later versions only add fields at the end: read them as the newest version this codec knows.
        let known = min(version, ConsumerProtocolAssignment.validVersions.upperBound)
        guard version >= 0, let assignment = try? ConsumerProtocolAssignment(from: &reader, version: known) else { return nil }
        return assignment.assignedPartitions.flatMap { topic in
            topic.partitions.map { ClientGroupOffset.Key(topic: topic.topic, partition: $0) }
        }
    }
}
