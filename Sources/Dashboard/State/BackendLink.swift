public import SluiceModel

/// How a session reaches its backend. The session hands over one key's effects at a time and
/// reads back the inputs they led to; whether the backend runs on the caller's thread (tests,
/// exact and repeatable) or on its own (the terminal, so a slow server never freezes the screen)
/// is the link's business.
public protocol BackendLink: AnyObject {
    /// The latest snapshot the backend published.
    func latestSnapshot() -> SystemSnapshot
    /// Moves a backend that runs on the caller's thread; one on its own thread keeps its own time.
    func advance(wallNanos: Nanos, outOfTime: () -> Bool)
    /// Queues one key's effects, to be carried out in order.
    func submit(_ effects: [Effect])
    /// Waits at most this long for every submitted batch to be answered; true when all were.
    func waitForAnswers(atMostNanos: Nanos) -> Bool
    /// Inputs from answered batches since the last call, oldest first.
    func takeAnswers() -> [Input]
    /// How long the backend has been inside one call that has not returned, when that is worth
    /// saying; nil while it answers.
    func stalledNanos() -> Nanos?
}

extension SystemBackend {
    /// Carries out one key's effects: the commands, then the questions. One status line for all of a
    /// key's commands: the first failure, else the last success.
    public func answer(_ effects: [Effect]) -> [Input] {
        var outcomes: [CommandOutcome] = []
        var answers: [Input] = []
        for effect in effects {
            switch effect {
            case .send(let command):
                outcomes.append(send(command))
            case .countSeek(let replay):
                let count = seekCount(group: replay.group, partition: replay.partition, to: replay.position)
                answers.append(.seekCount(count, for: replay))
            }
        }
        let shown = outcomes.first { if case .failed = $0 { true } else { false } } ?? outcomes.last
        return (shown.map { [Input.outcome($0)] } ?? []) + answers
    }
}

/// A backend driven on the caller's thread: every effect is answered before `submit` returns.
public final class DirectLink: BackendLink {
    public let backend: any SystemBackend
    private var answers: [Input] = []
    private var snapshot: SystemSnapshot

    public init(_ backend: any SystemBackend) {
        self.backend = backend
        snapshot = backend.snapshot()
    }

    public func latestSnapshot() -> SystemSnapshot { snapshot }

    public func advance(wallNanos: Nanos, outOfTime: () -> Bool) {
        backend.advance(wallNanos: wallNanos, outOfTime: outOfTime)
        snapshot = backend.snapshot()
    }

    public func submit(_ effects: [Effect]) {
        guard !effects.isEmpty else { return }
        answers += backend.answer(effects)
        snapshot = backend.snapshot()
    }

    public func waitForAnswers(atMostNanos: Nanos) -> Bool { true }

    public func takeAnswers() -> [Input] {
        defer { answers = [] }
        return answers
    }

    public func stalledNanos() -> Nanos? { nil }
}
