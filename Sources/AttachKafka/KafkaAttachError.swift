public import AttachSupport

/// A problem attaching to or talking with a Kafka cluster, worded for the person at the terminal.
public struct KafkaAttachError: AttachFailure, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
