public import SluiceModel

/// What `update` asks of the world beyond the new state: commands for the backend, and questions
/// whose answers come back to `update` as inputs. The loop that carries them holds no state of its own.
public enum Effect: Equatable, Sendable {
    case send(Command)
    /// How many records a seek would hand the group again and skip; answered by `Input.seekCount`.
    case countSeek(ReplayRequest)
}

extension Array where Element == Effect {
    /// The commands among these effects, in order.
    public var commands: [Command] {
        compactMap { if case .send(let command) = $0 { command } else { nil } }
    }
}
