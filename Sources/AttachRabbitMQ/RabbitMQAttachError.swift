public import AttachSupport

/// A problem attaching to or talking with RabbitMQ, worded for the person at the terminal.
public struct RabbitMQAttachError: AttachFailure, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The flags, or a file they name, are wrong (a CA that did not sign the server's certificate): the command
    /// exits 2, as for any bad input, rather than 1 for a server out of reach.
    public var isBadInput: Bool
    public init(_ message: String, badInput: Bool = false) { self.message = message; isBadInput = badInput }
    public var description: String { message }
}
