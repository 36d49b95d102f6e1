import KafkaListener
import Simulation
import SluiceModel

/// A scenario or lesson whose broker a Kafka listener serves too (`--kafka`): real clients produce and
/// consume beside the simulated actors. The simulation holds its time to the wall clock (speed and step
/// unavailable, a pause freezes the simulated actors only); a command on a real client's group or a listener
/// fault goes to the listener's backend, everything else to the simulation.
final class ServedSimulationBackend: SystemBackend {
    let simulation: SimulationBackend
    let listener: ListenerBackend

    static let wallClockReason = "a Kafka listener is open: real clients live by the wall clock, so time runs at 1x"

    init(simulation: SimulationBackend, listener: KafkaListener) {
        self.simulation = simulation
        self.listener = ListenerBackend(broker: simulation.simulation.broker, listener: listener)
        simulation.serveRealClients(because: Self.wallClockReason)
    }

    func advance(wallNanos: Nanos) { simulation.advance(wallNanos: wallNanos) }

    func advance(wallNanos: Nanos, outOfTime: () -> Bool) { simulation.advance(wallNanos: wallNanos, outOfTime: outOfTime) }

    func snapshot() -> SystemSnapshot {
        var snapshot = simulation.snapshot()
        snapshot.source.name += " + Kafka on " + listener.address
        let faults = listener.listener.faultRows()
        snapshot.breakers += faults.breakers
        snapshot.downstreams += faults.downstreams
        return snapshot
    }

    func send(_ command: Command) -> CommandOutcome {
        listener.actsOnRealClients(command) ? listener.send(command) : simulation.send(command)
    }

    func seekCount(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> SeekCount? {
        listener.clientSeekCount(group: group, partition: partition, to: position)
            ?? simulation.seekCount(group: group, partition: partition, to: position)
    }
}
