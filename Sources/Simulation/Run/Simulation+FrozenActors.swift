import SluiceModel

/// The simulated actors' events held back while they are frozen, in the order they fell due, and since when.
struct FrozenActors {
    let since: Nanos
    var held: [(time: Nanos, event: SimEvent)] = []
}

extension SimEvent {
    /// Whether the event is a simulated actor's (producers, consumers, downstreams, the scenario's script)
    /// rather than the clock's and the broker's own: second ticks and broker deadlines keep coming while the
    /// actors are frozen.
    var isActorEvent: Bool {
        switch self {
        case .secondTick, .brokerDue: false
        default: true
        }
    }
}

extension Simulation {
    /// Whether the simulated actors are frozen while time runs on.
    public var actorsFrozen: Bool { frozenActors != nil }

    /// Freezes the simulated actors while time keeps running: the broker, its deadlines and the second ticks go
    /// on (real Kafka clients are still served), but no simulated producer, consumer, downstream or scripted event
    /// acts until `thawActors()`. What falls due meanwhile is held, and runs as much later as the freeze lasted,
    /// so the actors carry on as if no time had passed for them (as a stopped process does).
    public func freezeActors() {
        guard frozenActors == nil else { return }
        frozenActors = FrozenActors(since: now)
        record(.info, "simulated actors frozen; time runs on")
    }

    public func thawActors() {
        guard let frozen = frozenActors else { return }
        frozenActors = nil
        let pause = now - frozen.since
        for (time, event) in frozen.held { schedule(event, at: time + pause) }
        record(.info, "simulated actors resumed after \(DurationText.format(pause))")
        afterEvent()
    }
}
