import SluiceModel

/// A run whose broker real clients use too (`sluice run NAME --kafka`): they time out by the wall clock, so
/// simulated time runs at 1x. Speed, step and a restart are unavailable; a pause freezes the simulated actors
/// only, while time runs on and the real clients are served.
extension SimulationBackend {
    /// What a pause does instead of stopping time.
    public static let actorsOnlyPause = "pause freezes the simulated actors only: time runs on and real clients are served"
    /// Why another lesson cannot be opened in place: the listener serves this run's broker.
    public static let servedLessonReason = "real clients use this run's broker: quit and open the other lesson with --kafka"

    /// Holds the run at 1x from now on, for `reason` (what serves real clients, in the user's words).
    public func serveRealClients(because reason: String) {
        _ = send(.setSpeed(1))
        _ = send(.setPaused(false))
        wallClockReason = reason
    }

    /// The capabilities of a run held to the wall clock.
    static func holdToWallClock(_ capabilities: inout Capabilities, because reason: String) {
        capabilities.unavailable.refuseAll([.step, .speed, .restartRun], reason)
        capabilities.unavailable[.openLesson] = servedLessonReason
        capabilities.partial[.pauseTime] = actorsOnlyPause
    }

    /// The answer to a command a run held to the wall clock does otherwise, or refuses; nil for any other.
    func refusedAtWallClock(_ command: Command) -> CommandOutcome? {
        guard let reason = wallClockReason else { return nil }
        switch command {
        case .setPaused(let pause):
            if pause { simulation.freezeActors() } else { simulation.thawActors() }
            return .done(pause ? "simulated actors paused; time runs on and real clients are served" : "simulated actors resumed")
        case .setSpeed, .step, .restartRun: return .failed(reason)
        case .openLesson: return .failed(Self.servedLessonReason)
        default: return nil
        }
    }
}
