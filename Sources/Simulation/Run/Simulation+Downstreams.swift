import SluiceModel

/// Downstream calls, outages and circuit breakers, as events of the run: the state is `Downstreams`'.
extension Simulation {
    /// Whether the breaker (if any) lets a call through now; logs a transition it causes.
    func admitCall(downstream id: DownstreamID) -> Bool {
        let (allowed, change) = downstreams.admit(id, at: now)
        if let change { logBreaker(downstream: id, change) }
        return allowed
    }

    func recordCall(downstream id: DownstreamID, failed: Bool) {
        guard let change = downstreams.recordCall(id, failed: failed, at: now) else { return }
        logBreaker(downstream: id, change)
    }

    private func logBreaker(downstream id: DownstreamID, _ state: BreakerSnapshot.State) {
        let name = downstreams[id].spec.name
        switch state {
        case .open:
            record(.breaker, "breaker \(name): open (failing calls); trial calls after \(DurationText.format(downstreams[id].spec.breaker?.openFor ?? 0))")
            if let reopens = downstreams[id].breaker?.reopensAt { schedule(.breakerReopens(downstream: id), at: reopens) }
        case .halfOpen: record(.breaker, "breaker \(name): half-open, letting trial calls through")
        case .closed: record(.breaker, "breaker \(name): closed, calls flow again")
        }
    }

    /// The open period may be over: move to half-open now so the dashboard shows it on time.
    func breakerTick(downstream id: DownstreamID) {
        guard let change = downstreams.advanceBreaker(id, to: now) else { return }
        logBreaker(downstream: id, change)
        for consumer in consumers.ids where consumers[consumer].downstream == id { consumers.markDirty(consumer) }
    }

    /// Starts or ends an outage: scheduled ones may overlap and are counted; a manual one is a switch.
    func changeOutage(downstream id: DownstreamID, down: Bool, manual: Bool) {
        let (wasUp, isUp) = downstreams.changeOutage(id, down: down, manual: manual)
        if wasUp != isUp {
            record(.outage, "\(downstreams[id].spec.name) \(isUp ? "is back up" : "is down")")
        }
    }
}
