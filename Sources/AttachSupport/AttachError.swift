/// A problem attaching to or talking with a live engine, worded for the person at the terminal: the status line
/// shows `message`, and the command line exits 2 for bad input, 1 for an engine out of reach or refusing.
public struct AttachError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The user's own input is wrong (say a `--tls-ca` that did not sign the server's certificate): exit 2,
    /// as for any bad input, rather than 1 for a server out of reach.
    public var isBadInput: Bool
    public init(_ message: String, badInput: Bool = false) { self.message = message; isBadInput = badInput }
    public var description: String { message }
}
