import NIOCore
import Synchronization

/// The client connections a listener has open, so that a fault can close them all at once.
final class OpenConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in self?.channels.withLock { _ = $0.removeValue(forKey: id) } }
    }

    /// Closes every open connection; returns how many there were.
    func closeAll() -> Int {
        let open = channels.withLock { Array($0.values) }
        for channel in open { channel.close(promise: nil) }
        return open.count
    }
}
