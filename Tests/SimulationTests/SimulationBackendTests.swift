import Testing
import SluiceModel
@testable import Simulation

@Suite struct SimulationBackendTests {
    private let second = NanosPerUnit.second

    private func demo() throws -> SimulationBackend { try SimulationBackend(scenarioNamed: "demo") }

    @Test func advanceScalesWallTimeBySpeedAndStopsWhenPaused() throws {
        let backend = try demo()
        backend.advance(wallNanos: second)
        #expect(backend.snapshot().clock.now == second)
        #expect(backend.send(.setSpeed(10)) == .done("speed 10x"))
        backend.advance(wallNanos: second / 2)
        #expect(backend.snapshot().clock.now == 6 * second)
        _ = backend.send(.setSpeed(1000))
        #expect(backend.speed == 100)
        _ = backend.send(.setSpeed(0.01))
        #expect(backend.speed == 0.1)
        _ = backend.send(.setPaused(true))
        backend.advance(wallNanos: 5 * second)
        #expect(backend.snapshot().clock.now == 6 * second)
        #expect(backend.snapshot().clock.paused)
        let events = backend.simulation.eventCount
        #expect(backend.send(.step) != .failed("pause first to step"))
        #expect(backend.simulation.eventCount > events)
        #expect(backend.snapshot().clock.now == 7 * second, "a step is one simulated second")
    }

    @Test func snapshotShowsTheWholeSystem() throws {
        let backend = try demo()
        backend.advance(wallNanos: 10 * second)
        let snapshot = backend.snapshot()
        #expect(snapshot.source == SourceInfo(engine: "simulation", name: "demo", description: backend.scenario.description, seed: 42))
        #expect(snapshot.topics.map(\.name) == ["orders"])
        #expect(snapshot.topics.first?.partitions.count == 6)
        #expect(snapshot.groups.map(\.id.description) == ["orders/billing", "orders/inventory", "orders/analytics"])
        #expect(snapshot.queues.map(\.name).contains("emails.dlq"))
        #expect(snapshot.instances.map(\.id) == ["billing/1", "billing/2", "billing/3", "inventory/1", "inventory/2",
                                                   "analytics/1", "mailer/1", "mailer/2"])
        #expect(snapshot.breakers.map(\.name) == ["email-provider"])
        #expect(snapshot.throughput.produced.samples.count == 10)
        #expect(snapshot.throughput.producedPerSecond > 0)
        #expect(snapshot.events.contains { $0.kind == .rebalance })
        #expect(snapshot.groups.first?.members.first?.maxInFlight == 6, "five buffered and one in progress")
    }

    @Test func pauseAndResumeAMemberAndAGroup() throws {
        let backend = try demo()
        backend.advance(wallNanos: second)
        #expect(backend.send(.pause(consumers: .group(GroupID("billing", stream: "orders")), member: "billing/1")) == .done("billing/1 paused"))
        #expect(backend.snapshot().instances.first { $0.id == "billing/1" }?.state == .paused)
        #expect(backend.snapshot().groups.first { $0.name == "billing" }?.members.first { $0.id == "billing/1" }?.paused == true)
        #expect(backend.send(.resume(consumers: .group(GroupID("billing", stream: "orders")), member: "billing/1")) == .done("billing/1 resumed"))
        #expect(backend.send(.pause(consumers: .queue("emails"), member: nil)) == .done("emails paused"))
        // Work in progress finishes; nothing new is received after that.
        backend.advance(wallNanos: 2 * second)
        let acked = backend.snapshot().queues.first { $0.name == "emails" }?.counters.acked
        backend.advance(wallNanos: 5 * second)
        #expect(backend.snapshot().queues.first { $0.name == "emails" }?.counters.acked == acked)
        #expect(backend.send(.pause(consumers: .group(GroupID("nobody", stream: "orders")), member: nil)) == .failed("no group or queue orders/nobody with consumers"))
    }

    @Test func seekingToEarliestReplaysAndReportsTheCount() throws {
        let backend = try demo()
        _ = backend.send(.setSpeed(20))
        backend.advance(wallNanos: second / 2)
        #expect(backend.snapshot().clock.now == SimulationBackend.maxSlice, "one advance covers at most maxSlice")
        backend.advance(wallNanos: second / 2)
        let count = try #require(backend.seekCount(group: GroupID("analytics", stream: "orders"), partition: nil, to: .earliest))
        let expected = count.again
        #expect(expected > 500 && count.skipped == 0)
        // Handed out but not committed yet: some of these took effect too, and come again as well.
        let uncommitted = try #require(backend.snapshot().groups.first { $0.name == "analytics" }).partitions
            .reduce(Int64(0)) { $0 + $1.position - $1.committedOffset }
        #expect(backend.send(.seek(group: GroupID("analytics", stream: "orders"), partition: nil, to: .earliest)) == .done("orders/analytics: \(expected) records consumed again"))
        #expect(backend.snapshot().groups.first { $0.name == "analytics" }?.totalLag ?? 0 > 500)
        for _ in 0..<3 { backend.advance(wallNanos: second) }
        // The analytics consumer is idempotent: every replayed record that had taken effect is a duplicate
        // delivery (the three poison orders of the demo never took effect), and nothing applies twice.
        let summary = backend.simulation.summary()
        let duplicates = Int64(summary.number(at: .group("orders/analytics", .duplicatesDelivered)) ?? 0)
        #expect((expected - 3)...(expected - 3 + uncommitted) ~= duplicates, "\(duplicates) of \(expected) + \(uncommitted)")
        #expect(summary.number(at: .group("orders/analytics", .duplicateEffects)) == 0)
        #expect(summary.number(at: .group("orders/analytics", .lost)) == 0)
    }

    @Test func scalingCrashingAndRestartingRebalance() throws {
        let backend = try demo()
        backend.advance(wallNanos: second)
        let generation = backend.snapshot().groups.first { $0.name == "billing" }?.generation ?? 0
        #expect(backend.send(.addInstance(consumer: "billing")) == .done("billing scaled to 4 instances"))
        var group = backend.snapshot().groups.first { $0.name == "billing" }
        #expect(group?.members.count == 4 && group?.generation == generation + 1)
        #expect(backend.send(.crash(instance: "billing/4")) == .done("billing/4 crashed"))
        #expect(backend.snapshot().instances.first { $0.id == "billing/4" }?.state == .crashed)
        group = backend.snapshot().groups.first { $0.name == "billing" }
        #expect(group?.members.count == 3)
        #expect(backend.send(.restart(instance: "billing/4")) == .done("billing/4 restarted"))
        #expect(backend.send(.removeInstance(consumer: "billing")) == .done("billing scaled to 3 instances"))
        #expect(backend.snapshot().instances.filter { $0.consumer == "billing" }.count == 3)
        #expect(backend.send(.crash(instance: "billing/9")) == .failed("no instance billing/9"))
    }

    @Test func faultsPublishAndRedrive() throws {
        let backend = try demo()
        backend.advance(wallNanos: 2 * second)
        #expect(backend.send(.setOutage(downstream: "email-provider", down: true)) == .done("email-provider down"))
        #expect(backend.snapshot().breakers.first?.downstreamUp == false)
        backend.advance(wallNanos: 10 * second)
        #expect(backend.snapshot().breakers.first?.state != .closed)
        _ = backend.send(.setOutage(downstream: "email-provider", down: false))
        let before = backend.simulation.totalProduced
        #expect(backend.send(.publish(target: "orders", key: "k1", value: Array(#"{"x":1}"#.utf8), headers: [], messageId: "manual-1")).isDone)
        #expect(backend.simulation.totalProduced == before + 1)
        #expect(backend.send(.setRateMultiplier(producer: "checkout", multiplier: 3)) == .done("checkout rate x3"))
        #expect(backend.send(.injectPoison(target: "checkout")) == .done("poison message sent through producer checkout"))
        backend.advance(wallNanos: 60 * second)
        let dlq = try #require(backend.snapshot().queues.first { $0.name == "emails.dlq" })
        #expect(dlq.waiting > 0)
        #expect(backend.send(.redrive(deadLetterQueue: "emails.dlq", perSecond: nil)) == .done("redrive of emails.dlq started"))
        backend.advance(wallNanos: second)
        #expect((backend.snapshot().queues.first { $0.name == "emails.dlq" }?.waiting ?? 0) < dlq.waiting)
        #expect(backend.simulation.violation == nil)
    }

    @Test func inspectAndRestartWithANewSeed() throws {
        let backend = try demo()
        backend.advance(wallNanos: 5 * second)
        #expect(backend.send(.inspect(.partition(topic: "orders", partition: 0, fromOffset: 0))).isDone)
        let inspection = try #require(backend.snapshot().inspection)
        #expect(!inspection.messages.isEmpty && inspection.messages.first?.offset == 0)
        #expect(backend.send(.inspect(nil)) == .done("inspector closed"))
        #expect(backend.snapshot().inspection == nil)
        #expect(backend.send(.restartRun(seed: 7)) == .done("restarted with seed 7"))
        let snapshot = backend.snapshot()
        #expect(snapshot.clock.now == 0 && snapshot.source.seed == 7)
        #expect(backend.send(.lessonStep(delta: 1)) == .failed("this scenario has no lesson"))
    }
}

extension CommandOutcome {
    var isDone: Bool { if case .done = self { true } else { false } }
}
