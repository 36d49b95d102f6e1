import SluiceModel

/// Downstream calls, outages and circuit breakers.
extension Simulation {
    /// Whether the breaker (if any) lets a call through now; logs a transition it causes.
    func admitCall(downstream index: Int) -> Bool {
        guard downstreams[index].breaker != nil else { return true }
        let (allowed, change) = downstreams[index].breaker?.admit(at: now) ?? (true, nil)
        if let change { noteBreaker(downstream: index, change) }
        noteAdmission(downstream: index, allowed: allowed)
        return allowed
    }

    func recordCall(downstream index: Int, failed: Bool) {
        downstreams[index].calls += 1
        noteDownstreamCall(index)
        if failed { downstreams[index].failedCalls += 1 }
        guard let change = downstreams[index].breaker?.record(failed: failed, at: now) else { return }
        noteBreaker(downstream: index, change)
    }

    private func noteBreaker(downstream index: Int, _ state: BreakerSnapshot.State) {
        let name = downstreams[index].spec.name
        noteBreakerTransition(downstream: index, to: state)
        switch state {
        case .open:
            record(.breaker, "breaker \(name): open (failing calls); trial calls after \(DurationText.format(downstreams[index].spec.breaker?.openFor ?? 0))")
            if let reopens = downstreams[index].breaker?.reopensAt { schedule(.breakerReopens(downstream: index), at: reopens) }
        case .halfOpen: record(.breaker, "breaker \(name): half-open, letting trial calls through")
        case .closed: record(.breaker, "breaker \(name): closed, calls flow again")
        }
    }

    /// The open period may be over: move to half-open now so the dashboard shows it on time.
    func breakerTick(downstream index: Int) {
        guard let change = downstreams[index].breaker?.advance(to: now) else { return }
        noteBreaker(downstream: index, change)
        for consumer in consumers.indices where consumers[consumer].downstream == index { markDirty(consumer: consumer) }
    }

    /// Starts or ends an outage: scheduled ones may overlap and are counted; a manual one is a switch.
    func changeOutage(downstream index: Int, down: Bool, manual: Bool) {
        let wasUp = downstreams[index].isUp
        if manual {
            downstreams[index].manualOutage = down
        } else {
            downstreams[index].activeOutages = max(0, downstreams[index].activeOutages + (down ? 1 : -1))
        }
        let isUp = downstreams[index].isUp
        if wasUp != isUp {
            record(.outage, "\(downstreams[index].spec.name) \(isUp ? "is back up" : "is down")")
        }
    }
}
