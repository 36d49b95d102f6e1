import SluiceModel

/// A downstream of the run, by its place in the scenario; only `Downstreams` makes one, so an id
/// always names a downstream that exists.
struct DownstreamID: Hashable {
    fileprivate(set) var index: Int
}

/// The downstreams consumers call: their state, their circuit breakers, and what lessons measure of
/// them, owned in one place and reached by `DownstreamID` (the measures were an array kept in step by hand).
struct Downstreams {
    private var states: [DownstreamState]
    private var measures: [DownstreamMeasures]

    init(_ specs: [DownstreamSpec]) {
        states = specs.map(DownstreamState.init)
        measures = specs.map { _ in DownstreamMeasures() }
    }

    var ids: [DownstreamID] { states.indices.map { DownstreamID(index: $0) } }
    var isEmpty: Bool { states.isEmpty }

    /// The downstream a scenario or command names.
    func id(named name: String) -> DownstreamID? {
        states.firstIndex { $0.spec.name == name }.map { DownstreamID(index: $0) }
    }

    subscript(id: DownstreamID) -> DownstreamState { states[id.index] }
    func measures(of id: DownstreamID) -> DownstreamMeasures { measures[id.index] }

    /// Whether the breaker (if any) lets a call through now, and the transition that caused; a call let
    /// through while the breaker is open is counted (there must be none).
    mutating func admit(_ id: DownstreamID, at now: Nanos) -> (allowed: Bool, change: BreakerSnapshot.State?) {
        guard states[id.index].breaker != nil else { return (true, nil) }
        let (allowed, change) = states[id.index].breaker?.admit(at: now) ?? (true, nil)
        if let change { measures[id.index].noteTransition(to: change) }
        if allowed && states[id.index].breaker?.state == .open { measures[id.index].callsWhileOpen += 1 }
        return (allowed, change)
    }

    /// A call reached the downstream; answers the breaker transition it caused.
    mutating func recordCall(_ id: DownstreamID, failed: Bool, at now: Nanos) -> BreakerSnapshot.State? {
        states[id.index].calls += 1
        measures[id.index].calls.note(at: now)
        if failed { states[id.index].failedCalls += 1 }
        guard let change = states[id.index].breaker?.record(failed: failed, at: now) else { return nil }
        measures[id.index].noteTransition(to: change)
        return change
    }

    /// The open period may be over: the breaker moves to half-open; answers the transition.
    mutating func advanceBreaker(_ id: DownstreamID, to now: Nanos) -> BreakerSnapshot.State? {
        guard let change = states[id.index].breaker?.advance(to: now) else { return nil }
        measures[id.index].noteTransition(to: change)
        return change
    }

    /// Starts or ends an outage (scheduled ones may overlap and are counted; a manual one is a switch);
    /// answers whether it is up before and after.
    mutating func changeOutage(_ id: DownstreamID, down: Bool, manual: Bool) -> (wasUp: Bool, isUp: Bool) {
        let wasUp = states[id.index].isUp
        if manual {
            states[id.index].manualOutage = down
        } else {
            states[id.index].activeOutages = max(0, states[id.index].activeOutages + (down ? 1 : -1))
        }
        return (wasUp, states[id.index].isUp)
    }

    var all: [DownstreamState] { states }
}
