import Synchronization

/// Wakes whoever waits for new records (a Kafka fetch's long poll) when a topic's log grows, so that a
/// waiting fetch is answered at the append instead of at its next look.
///
/// One-shot: a waiter is called once, at the next append anywhere, and registers again if it still waits.
public final class AppendSignal: Sendable {
    private let waiters = Mutex<[@Sendable () -> Void]>([])
    /// Read without the lock on every append: with nobody waiting (a simulation) an append costs one load.
    private let anyoneWaiting = Atomic<Bool>(false)

    public init() {}

    /// Calls `wake` once, after the next append (from the appending thread: hop to your own).
    public func next(_ wake: @escaping @Sendable () -> Void) {
        waiters.withLock { waiters in
            waiters.append(wake)
            anyoneWaiting.store(true, ordering: .releasing)
        }
    }

    /// Records were appended: wakes every waiter.
    func appended() {
        guard anyoneWaiting.load(ordering: .acquiring) else { return }
        let woken = waiters.withLock { waiters -> [@Sendable () -> Void] in
            anyoneWaiting.store(false, ordering: .releasing)
            defer { waiters.removeAll() }
            return waiters
        }
        for wake in woken { wake() }
    }
}
