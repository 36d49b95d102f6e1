public import SluiceModel

/// A person's session on one backend: the UI state and the system behind it, joined the one way
/// that both the terminal loop and the end-to-end tests use. A key goes through `update`, its
/// commands reach the backend, and the outcome (and the backend's answer to a replay question)
/// come back to `update` as inputs.
public struct DashboardSession {
    public let backend: any SystemBackend
    public private(set) var state: DashboardState
    /// The latest copy of the system, taken after every advance and every key.
    public private(set) var snapshot: SystemSnapshot
    /// The replay the backend was last asked about, so it is asked once per confirmation.
    private var askedReplay: ReplayRequest?

    public init(backend: any SystemBackend, state: DashboardState) {
        self.backend = backend
        self.snapshot = backend.snapshot()
        self.state = DashboardApp.keepingFocusVisible(state, snapshot)
    }

    /// Moves the system by this much wall time (stopping early once `outOfTime` says the frame's
    /// budget is spent) and copies it again.
    public mutating func advance(wallNanos: Nanos, outOfTime: () -> Bool = { false }) {
        backend.advance(wallNanos: wallNanos, outOfTime: outOfTime)
        snapshot = backend.snapshot()
    }

    /// One key, all the way through: update, the backend, the outcome, a fresh snapshot.
    public mutating func press(_ key: Key) {
        let commands: [Command]
        (state, commands) = DashboardApp.update(state, .key(key), snapshot)
        // One status line for all of a key's commands: the first failure, else the last success.
        let outcomes = commands.map { backend.send($0) }
        let shown = outcomes.first { if case .failed = $0 { true } else { false } } ?? outcomes.last
        if !commands.isEmpty { snapshot = backend.snapshot() }
        if let shown { (state, _) = DashboardApp.update(state, .outcome(shown), snapshot) }
        if let replay = state.pendingReplay, replay != askedReplay {
            askedReplay = replay
            let count = backend.seekCount(group: replay.group, partition: replay.partition, to: replay.position)
            (state, _) = DashboardApp.update(state, .seekCount(count), snapshot)
        } else if state.pendingReplay == nil {
            askedReplay = nil
        }
    }

    /// Several keys in order.
    public mutating func press(_ keys: [Key]) { for key in keys { press(key) } }
}
