import Broker
import SluiceModel
import Testing
@testable import Simulation

/// A pause while a Kafka listener serves the broker freezes the simulated actors and lets time run on.
@Suite struct FrozenActorsTests {
    static let scenario = """
        [scenario]
        name = "frozen"
        duration = "60s"
        [[stream]]
        name = "orders"
        partitions = 3
        [[producer]]
        name = "p"
        target = "orders"
        rate = 50.0
        keys = { count = 10, distribution = "uniform" }
        [[consumer]]
        name = "c"
        source = "orders"
        group = "g"
        service = { distribution = "exponential", mean = "10ms" }
        """

    static func simulation() throws -> Simulation {
        try Simulation(scenario: try ScenarioLoader.parse(scenario, file: "frozen.toml"), options: SimulationOptions(seed: 7))
    }

    static func logEnd(_ simulation: Simulation) -> Int64 {
        simulation.broker.snapshot().topics.flatMap(\.partitions).reduce(0) { $0 + $1.logEndOffset }
    }

    static func committed(_ simulation: Simulation) -> Int64 {
        simulation.broker.snapshot().groups.flatMap(\.partitions).reduce(0) { $0 + $1.committedOffset }
    }

    @Test func frozenActorsDoNothingWhileTimeAndTheBrokersClockRunOn() throws {
        let simulation = try Self.simulation()
        simulation.run(until: 5 * NanosPerUnit.second)
        let (produced, committed) = (Self.logEnd(simulation), Self.committed(simulation))
        #expect(produced > 100)
        simulation.freezeActors()
        #expect(simulation.actorsFrozen)
        simulation.run(until: 9 * NanosPerUnit.second)
        #expect(simulation.now == 9 * NanosPerUnit.second)
        #expect(simulation.broker.snapshot().now == 9 * NanosPerUnit.second, "the broker's clock runs on")
        #expect(Self.logEnd(simulation) == produced, "no simulated producer acted")
        #expect(Self.committed(simulation) == committed, "no simulated consumer acted")
        simulation.thawActors()
        simulation.run(until: 11 * NanosPerUnit.second)
        #expect(Self.logEnd(simulation) > produced + 50, "they carry on once thawed")
    }

    /// Thawed actors carry on as if no time had passed for them: the same seed produces the same records, the
    /// pause later.
    @Test func thawedActorsCarryOnWhereTheyStoppedByTheSameDraws() throws {
        let straight = try Self.simulation()
        straight.run(until: 15 * NanosPerUnit.second)
        let paused = try Self.simulation()
        paused.run(until: 5 * NanosPerUnit.second)
        paused.freezeActors()
        paused.run(until: 8 * NanosPerUnit.second)
        paused.thawActors()
        paused.run(until: 18 * NanosPerUnit.second)
        #expect(Self.logEnd(paused) == Self.logEnd(straight))
        let keys = { (simulation: Simulation) in
            try (0..<3).flatMap { try simulation.broker.topic("orders").read(partition: $0, from: 0, max: 10_000).map(\.key) }
        }
        #expect(try keys(paused) == keys(straight))
    }

    /// In a run served with --kafka, what real clients append to a scenario's topic is not the simulation's:
    /// the conservation check still holds.
    @Test func recordsAKafkaClientAppendsLeaveTheSimulationsConservationIntact() throws {
        let simulation = try Self.simulation()
        simulation.run(until: 2 * NanosPerUnit.second)
        let value: [UInt8] = Array("from a client".utf8)
        try value.withUnsafeBytes { bytes in
            let records = [BorrowedRecord](repeating: BorrowedRecord(key: nil, value: bytes, timestamp: nil), count: 25)
            _ = try records.withUnsafeBufferPointer { try simulation.broker.topic("orders").append($0, wire: nil, toPartition: 1) }
        }
        // The check runs once a simulated minute.
        simulation.run(until: 60 * NanosPerUnit.second)
        #expect(simulation.violation == nil, "\(simulation.violation.map(\.description) ?? "")")
        #expect(try simulation.broker.topic("orders").producedExceptByClients + 25 == Self.logEnd(simulation))
    }
}
