import SluiceModel
import Testing
@testable import Simulation

/// Watching a run changes nothing: the same seed sliced into dashboard frames, with a snapshot (and
/// the live checks, and an open inspector) every frame, does exactly what one uninterrupted run does.
@Suite struct ObservationTests {
    @Test(arguments: ["demo", "poison-message"])
    func aRunSlicedIntoObservedFramesEndsWithTheSameDigest(_ name: String) throws {
        let whole = try SimulationBackend(scenarioNamed: name, seed: 5)
        let until = min(90 * NanosPerUnit.second, whole.simulation.endTime)
        whole.simulation.run(until: until)

        let watched = try SimulationBackend(scenarioNamed: name, seed: 5)
        _ = watched.send(.setSpeed(10))
        if let queue = watched.snapshot().queues.first?.name { _ = watched.send(.inspect(.queue(name: queue))) }
        for _ in 0..<(until / (300 * NanosPerUnit.millisecond)) {
            watched.advance(wallNanos: 30 * NanosPerUnit.millisecond)
            _ = watched.snapshot()
        }
        #expect(watched.simulation.now == until)
        #expect(watched.simulation.traceDigest == whole.simulation.traceDigest)
        #expect(watched.simulation.summary() == whole.simulation.summary())
    }
}
