public import SluiceModel

/// A person's session on one backend: the UI state and the system behind it, joined the one way
/// that both the terminal loop and the end-to-end tests use. A key goes through `update`, its effects
/// go down the link, and what the backend answers (outcomes, replay counts) comes back to `update`
/// as inputs.
public struct DashboardSession {
    public let link: any BackendLink
    public private(set) var state: DashboardState
    /// The latest copy of the system, with a stalled backend said in its header.
    public private(set) var snapshot: SystemSnapshot
    /// How long a key waits for its answer before the status says it is still on its way: long
    /// enough that a quick backend answers in the same frame, short enough that keys never lag.
    public var answerWaitNanos: Nanos = 30 * NanosPerUnit.millisecond
    /// Batches sent and not yet answered, to say so when a backend is slow.
    private var unanswered = 0

    public init(link: any BackendLink, state: DashboardState) {
        self.link = link
        self.snapshot = link.latestSnapshot()
        self.state = DashboardApp.keepingFocusVisible(state, snapshot)
        refresh()
    }

    /// A session whose backend runs on the caller's thread.
    public init(backend: any SystemBackend, state: DashboardState) {
        self.init(link: DirectLink(backend), state: state)
    }

    /// Moves a backend on the caller's thread by this much wall time (stopping early once `outOfTime`
    /// says the frame's budget is spent), then takes in what the backend published and answered.
    public mutating func advance(wallNanos: Nanos, outOfTime: () -> Bool = { false }) {
        link.advance(wallNanos: wallNanos, outOfTime: outOfTime)
        refresh()
    }

    /// Takes the latest snapshot and applies the answers that came back since the last look.
    public mutating func refresh() {
        snapshot = link.latestSnapshot()
        for answer in link.takeAnswers() {
            if case .outcome = answer { unanswered = max(0, unanswered - 1) }
            (state, _) = DashboardApp.update(state, answer, snapshot)
        }
        if let stalled = link.stalledNanos() {
            let seconds = DurationText.format(stalled / NanosPerUnit.second * NanosPerUnit.second)
            let stall = "\(snapshot.source.engine) not answering for \(seconds); figures are from before"
            snapshot.connectionProblem = [stall, snapshot.connectionProblem].compactMap { $0 }.joined(separator: "; ")
        }
    }

    /// One key, all the way through: update, its effects down the link, the answers back.
    public mutating func press(_ key: Key) {
        let effects: [Effect]
        (state, effects) = DashboardApp.update(state, .key(key), snapshot)
        guard !effects.isEmpty else { return }
        if !effects.commands.isEmpty { unanswered += 1 }
        link.submit(effects)
        _ = link.waitForAnswers(atMostNanos: answerWaitNanos)
        refresh()
        if unanswered > 0, state.status == nil {
            state.status = StatusLine("sent; waiting for \(UntrustedText.escape(snapshot.source.name)) to answer", .info)
        }
    }

    /// Several keys in order.
    public mutating func press(_ keys: [Key]) { for key in keys { press(key) } }
}
