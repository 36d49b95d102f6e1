public import AttachSupport

/// A problem attaching to or talking with a Kafka cluster, worded for the person at the terminal.
public struct KafkaAttachError: AttachFailure, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The user's own input is wrong (a `--tls-ca` that did not sign the cluster's certificate): exit 2.
    public var isBadInput: Bool
    public init(_ message: String, badInput: Bool = false) { self.message = message; isBadInput = badInput }
    public var description: String { message }
}
