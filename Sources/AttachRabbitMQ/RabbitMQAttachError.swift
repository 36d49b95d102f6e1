/// A problem attaching to or talking with RabbitMQ, worded for the person at the terminal.
public struct RabbitMQAttachError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
