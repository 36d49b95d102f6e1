import Foundation
import Simulation
import SluiceModel
import Synchronization

/// A real seeded simulation behind a gate: once `stall()` is called, the next call into the backend
/// waits until `release()`, as a call to a stopped server waits on its socket.
final class StallingBackend: SystemBackend, @unchecked Sendable {
    let simulation: SimulationBackend
    private let condition = NSCondition()
    private var closed = false
    private var waiting = false

    init(scenario: String, seed: UInt64 = 42) throws {
        simulation = try SimulationBackend(scenarioNamed: scenario, seed: seed)
    }

    func stall() { condition.lock(); closed = true; condition.unlock() }

    func release() { condition.lock(); closed = false; condition.broadcast(); condition.unlock() }

    /// Waits (at most 10 s) until a call is held at the gate; false if none came.
    func waitUntilHeld() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: 10)
        while !waiting, condition.wait(until: deadline) {}
        return waiting
    }

    private func gate() {
        condition.lock()
        defer { condition.unlock() }
        while closed {
            waiting = true
            condition.broadcast()
            condition.wait()
        }
        waiting = false
    }

    func advance(wallNanos: Nanos) { gate(); simulation.advance(wallNanos: wallNanos) }
    func advance(wallNanos: Nanos, outOfTime: () -> Bool) { gate(); simulation.advance(wallNanos: wallNanos, outOfTime: outOfTime) }
    func snapshot() -> SystemSnapshot { gate(); return simulation.snapshot() }
    func send(_ command: Command) -> CommandOutcome { gate(); return simulation.send(command) }
    func seekCount(group: GroupID, partition: PartitionRef?, to: SeekPosition) -> SeekCount? {
        gate()
        return simulation.seekCount(group: group, partition: partition, to: to)
    }
}

/// A clock the test moves by hand, for how long a call has been stuck.
final class HandClock: Sendable {
    private let nanos = Mutex<Nanos>(0)
    func now() -> Nanos { nanos.withLock { $0 } }
    func move(by delta: Nanos) { nanos.withLock { $0 += delta } }
}
