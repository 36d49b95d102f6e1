import KafkaListener
import Simulation
import SluiceModel

/// A scenario or lesson whose broker a Kafka listener serves too (`--kafka`): real clients produce and
/// consume beside the simulated actors. Real clients live by the wall clock, so simulated time runs at 1x
/// and cannot be sped up or stepped; a pause freezes the simulated actors only, while time runs on and real
/// clients are served. A command on a real client's group or a listener fault goes to the listener's
/// backend, everything else to the simulation.
final class ServedSimulationBackend: SystemBackend {
    let simulation: SimulationBackend
    let listener: ListenerBackend

    static let wallClockReason = "a Kafka listener is open: real clients live by the wall clock, so time runs at 1x"
    /// Time control here is pause only: what the dashboard says when asked to step.
    static let pauseOnlyReason = "pause freezes the simulated actors only: a Kafka listener is open, so time runs at 1x and cannot be stepped"
    static let lessonReason = "a Kafka listener serves this run's broker: quit and open the other lesson with --kafka"

    init(simulation: SimulationBackend, listener: KafkaListener) {
        self.simulation = simulation
        self.listener = ListenerBackend(broker: simulation.simulation.broker, listener: listener)
    }

    func advance(wallNanos: Nanos) { simulation.advance(wallNanos: wallNanos) }

    func advance(wallNanos: Nanos, outOfTime: () -> Bool) { simulation.advance(wallNanos: wallNanos, outOfTime: outOfTime) }

    func snapshot() -> SystemSnapshot {
        var snapshot = simulation.snapshot()
        snapshot.clock.paused = simulation.simulation.actorsFrozen
        snapshot.capabilities.partial[.time] = Self.pauseOnlyReason
        snapshot.source.name += " + Kafka on " + listener.address
        let faults = listener.listener.faultRows()
        snapshot.breakers += faults.breakers
        snapshot.downstreams += faults.downstreams
        return snapshot
    }

    func send(_ command: Command) -> CommandOutcome {
        if listener.actsOnRealClients(command) { return listener.send(command) }
        switch command {
        case .setPaused(let pause):
            if pause { simulation.simulation.freezeActors() } else { simulation.simulation.thawActors() }
            return .done(pause ? "simulated actors paused; time runs on and real clients are served" : "simulated actors resumed")
        case .setSpeed, .step, .restartRun: return .failed(Self.wallClockReason)
        default: break
        }
        if case .openLesson = command { return .failed(Self.lessonReason) }
        return simulation.send(command)
    }

    func seekCount(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> SeekCount? {
        listener.clientSeekCount(group: group, partition: partition, to: position)
            ?? simulation.seekCount(group: group, partition: partition, to: position)
    }
}
