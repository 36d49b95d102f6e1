import SluiceModel

/// A circuit breaker in front of a downstream: closed (calls pass), open (calls fail fast), half-open
/// (a few trial calls decide whether to close again).
struct CircuitBreaker {
    let spec: BreakerSpec
    private(set) var state: BreakerSnapshot.State = .closed
    /// Outcomes within the window, oldest first: (time, failed).
    private var outcomes: [(time: Nanos, failed: Bool)] = []
    private var outcomesHead = 0
    private var failuresInWindow = 0
    private var openedAt: Nanos = 0
    private var halfOpenSince: Nanos = 0
    private var trialsStarted = 0
    private var trialSuccesses = 0
    private(set) var rejectedCalls: Int64 = 0

    init(spec: BreakerSpec) { self.spec = spec }

    /// When an open breaker will let trial calls through.
    var reopensAt: Nanos? { state == .open ? openedAt + spec.openFor : nil }

    /// Whether a call may go through now; a refused call is counted.
    /// Returns the state change this caused, if any (open -> half-open when the open period is over).
    mutating func admit(at now: Nanos) -> (allowed: Bool, change: BreakerSnapshot.State?) {
        let change = advance(to: now)
        switch state {
        case .closed:
            return (true, change)
        case .open:
            rejectedCalls += 1
            return (false, change)
        case .halfOpen:
            guard trialsStarted < spec.trialCalls else {
                rejectedCalls += 1
                return (false, change)
            }
            trialsStarted += 1
            return (true, change)
        }
    }

    /// Moves an open breaker whose open period is over to half-open; returns the change, if any.
    mutating func advance(to now: Nanos) -> BreakerSnapshot.State? {
        if state == .halfOpen && now >= halfOpenSince + spec.openFor {
            // Trials that never reported (their caller crashed) must not keep the breaker stuck.
            trialsStarted = trialSuccesses
            halfOpenSince = now
        }
        guard state == .open && now >= openedAt + spec.openFor else { return nil }
        state = .halfOpen
        halfOpenSince = now
        trialsStarted = 0
        trialSuccesses = 0
        return .halfOpen
    }

    /// Records a call's outcome; returns the new state when it changed.
    mutating func record(failed: Bool, at now: Nanos) -> BreakerSnapshot.State? {
        switch state {
        case .halfOpen:
            if failed { return trip(at: now) }
            trialSuccesses += 1
            guard trialSuccesses >= spec.trialCalls else { return nil }
            state = .closed
            clearWindow()
            return .closed
        case .open:
            // A call admitted before the breaker opened finishing late changes nothing.
            return nil
        case .closed:
            outcomes.append((now, failed))
            if failed { failuresInWindow += 1 }
            expire(before: now - spec.window)
            let calls = outcomes.count - outcomesHead
            guard calls >= spec.minimumCalls, Double(failuresInWindow) >= spec.failureRate * Double(calls) else {
                return nil
            }
            return trip(at: now)
        }
    }

    /// The failure rate over the current window.
    func failureRate() -> Double {
        let calls = outcomes.count - outcomesHead
        return calls == 0 ? 0 : Double(failuresInWindow) / Double(calls)
    }

    private mutating func trip(at now: Nanos) -> BreakerSnapshot.State {
        state = .open
        openedAt = now
        clearWindow()
        return .open
    }

    private mutating func clearWindow() {
        outcomes.removeAll(keepingCapacity: true)
        outcomesHead = 0
        failuresInWindow = 0
    }

    private mutating func expire(before cutoff: Nanos) {
        while outcomesHead < outcomes.count && outcomes[outcomesHead].time < cutoff {
            if outcomes[outcomesHead].failed { failuresInWindow -= 1 }
            outcomesHead += 1
        }
        if outcomesHead > 1024 && outcomesHead * 2 > outcomes.count {
            outcomes.removeFirst(outcomesHead)
            outcomesHead = 0
        }
    }
}
