/// A tagged field this codec does not know, kept as its bytes so re-encoding preserves it.
public struct KafkaTaggedField: Hashable, Sendable {
    public var tag: UInt32
    public var bytes: [UInt8]

    public init(tag: UInt32, bytes: [UInt8]) {
        self.tag = tag
        self.bytes = bytes
    }
}
