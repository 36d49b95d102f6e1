public import Dashboard
import Foundation
public import SluiceModel

/// A backend on its own thread: it moves by real elapsed time once a tick, carries out the effects
/// the UI queues, and publishes a fresh snapshot after each. The UI loop only reads the latest
/// snapshot and queues effects, so a server that stops answering freezes its own numbers and
/// nothing else; `stalledNanos` lets the header say so.
///
/// After `start`, the backend is touched by the worker thread alone.
public final class BackendThread: BackendLink, @unchecked Sendable {
    /// How long one call may run before the header says the backend is not answering.
    public static let stallThreshold: Nanos = NanosPerUnit.second

    private let backend: any SystemBackend
    private let tickNanos: Nanos
    private let clock: @Sendable () -> Nanos
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var inbox: [[Effect]] = []
    private var answers: [Input] = []
    private var latest: SystemSnapshot
    private var unanswered = 0
    private var busySince: Nanos?
    private var stopping = false
    private var stopped = false

    /// `clock` is monotonic nanoseconds; tests pass their own to say how long a call has run.
    public init(_ backend: any SystemBackend, tickNanos: Nanos,
                clock: @escaping @Sendable () -> Nanos = { SystemTime.monotonicNanos() }) {
        self.backend = backend
        self.tickNanos = max(NanosPerUnit.millisecond, tickNanos)
        self.clock = clock
        latest = backend.snapshot()
    }

    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "sluice-backend"
        thread.start()
    }

    /// Asks the worker to finish and waits at most `atMostNanos` for it; false when it is still
    /// inside a backend call (a stopped server), which is then left to the process's exit.
    @discardableResult
    public func stop(waitingAtMost atMostNanos: Nanos = 2 * NanosPerUnit.second) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        let deadline = Date(timeIntervalSinceNow: Double(atMostNanos) / 1e9)
        while !stopped, condition.wait(until: deadline) {}
        return stopped
    }

    // MARK: BackendLink, called from the UI thread

    public func latestSnapshot() -> SystemSnapshot { locked { latest } }

    /// The worker keeps its own time.
    public func advance(wallNanos: Nanos, outOfTime: () -> Bool) {}

    public func submit(_ effects: [Effect]) {
        guard !effects.isEmpty else { return }
        locked {
            inbox.append(effects)
            unanswered += 1
            condition.broadcast()
        }
    }

    public func waitForAnswers(atMostNanos: Nanos) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: Double(atMostNanos) / 1e9)
        while unanswered > 0, condition.wait(until: deadline) {}
        return unanswered == 0
    }

    public func takeAnswers() -> [Input] {
        locked {
            defer { answers = [] }
            return answers
        }
    }

    public func stalledNanos() -> Nanos? {
        locked {
            guard let busySince else { return nil }
            let stalled = clock() - busySince
            return stalled >= Self.stallThreshold ? stalled : nil
        }
    }

    // MARK: the worker

    private func run() {
        var lastAdvance = clock()
        var nextTick = lastAdvance
        while let batches = nextWork(until: nextTick) {
            for effects in batches {
                let inputs = calling { backend.answer(effects) }
                let snapshot = calling { backend.snapshot() }
                locked {
                    answers += inputs
                    latest = snapshot
                    unanswered -= 1
                    condition.broadcast()
                }
            }
            let now = clock()
            guard now >= nextTick else { continue }
            // A tick's worth of work at most, and less when a key is waiting: keys are answered first.
            let budgetEnd = now + tickNanos
            calling {
                backend.advance(wallNanos: max(0, now - lastAdvance)) {
                    clock() >= budgetEnd || locked { !inbox.isEmpty || stopping }
                }
            }
            let snapshot = calling { backend.snapshot() }
            locked { latest = snapshot }
            lastAdvance = now
            nextTick = now + tickNanos
        }
        locked {
            stopped = true
            condition.broadcast()
        }
    }

    /// Waits until effects arrive or the tick is due; nil once asked to stop.
    private func nextWork(until tick: Nanos) -> [[Effect]]? {
        condition.lock()
        defer { condition.unlock() }
        while inbox.isEmpty, !stopping {
            let left = tick - clock()
            if left <= 0 { break }
            _ = condition.wait(until: Date(timeIntervalSinceNow: Double(left) / 1e9))
        }
        if stopping { return nil }
        defer { inbox = [] }
        return inbox
    }

    /// Runs one backend call with the time it started on record, for `stalledNanos`.
    private func calling<T>(_ body: () -> T) -> T {
        let started = clock()
        locked { busySince = started }
        defer { locked { busySince = nil } }
        return body()
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
