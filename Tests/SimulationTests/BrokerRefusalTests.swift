import Testing
import Broker
import SluiceModel
@testable import Simulation

/// A broker refusal the model does not expect stops the run as an invariant violation naming the call;
/// refusals the model expects (a late ack, a full queue) are outcomes, not failures.
@Suite struct BrokerRefusalTests {
    @Test func aMemberTheGroupNoLongerKnowsStopsTheRunAtItsNextPoll() throws {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve("poison-pill"),
                                        options: .init(duration: 30 * NanosPerUnit.second))
        simulation.run(until: 5 * NanosPerUnit.second)
        #expect(simulation.violation == nil)
        // Behind the simulation's back: the broker forgets every member of the group.
        let group = try #require(simulation.broker.groups.first)
        for member in group.members { try group.leave(member: member) }
        simulation.runToEnd()
        let violation = try #require(simulation.violation)
        #expect(violation.invariant == "broker accepts the simulation's calls")
        #expect(violation.detail.contains("has no member"), "\(violation.detail)")
        #expect(simulation.now < 30 * NanosPerUnit.second, "the run stops at the violation")
    }

    @Test func aPartitionTheBrokerDoesNotHaveIsAViolationNotAZero() throws {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve("poison-pill"),
                                        options: .init(duration: 30 * NanosPerUnit.second))
        simulation.run(until: 5 * NanosPerUnit.second)
        let group = try #require(simulation.broker.groups.first)
        let topic = try simulation.broker.topic(try #require(group.id.stream))
        // In range, the readers answer what the broker has.
        #expect(simulation.committed(of: group, partition: 0) == (try group.committedOffset(partition: 0)))
        #expect(simulation.logEnd(of: topic, partition: 0) == (try topic.logEndOffset(partition: 0)))
        #expect(simulation.logEnd(of: topic, partition: 0) > 0)
        #expect(simulation.violation == nil)
        // One past the last partition: the model and the broker disagree, and the run says so.
        _ = simulation.committed(of: group, partition: topic.partitionCount)
        let violation = try #require(simulation.violation)
        #expect(violation.invariant == "broker accepts the simulation's calls")
        #expect(violation.detail.contains("committed offset of \(group.id) partition \(topic.partitionCount)"), "\(violation.detail)")
        let stoppedAt = simulation.now
        simulation.runToEnd()
        #expect(simulation.now == stoppedAt, "the run stops at the violation")
    }

    /// A read of a whole partition (CDC's connector, read models, tombstones, a replay) used to end at the
    /// first refusal as if the partition ended there; the refusal now reaches the caller's broker call.
    @Test func aWholePartitionReadTheBrokerRefusesIsAViolationNotAShortRead() throws {
        let simulation = try Simulation(scenario: try ScenarioLoader.resolve("cdc"),
                                        options: .init(duration: 30 * NanosPerUnit.second))
        simulation.run(until: 5 * NanosPerUnit.second)
        let topic = try simulation.broker.topic("customers.changes")
        var retained = 0
        try topic.forEachRetainedRecord { _ in retained += 1 }
        #expect(retained > 0 && Int64(retained) == (0..<topic.partitionCount).reduce(0) { $0 + simulation.logEnd(of: topic, partition: $1) })
        // From one past a partition's log end: the broker refuses the read, and the run says so.
        let beyond = { (partition: Int) throws(BrokerError) -> Int64 in try topic.logEndOffset(partition: partition) + 1 }
        simulation.brokerCall("a read from beyond the log end") { () throws(BrokerError) in
            try topic.forEachRetainedRecord(from: beyond) { _ in }
        }
        let violation = try #require(simulation.violation)
        #expect(violation.invariant == "broker accepts the simulation's calls")
        #expect(violation.detail.contains("a read from beyond the log end"), "\(violation.detail)")
    }

    @Test func anAckAfterItsDeadlineIsALateAckNotAViolation() throws {
        // Every job takes 300 ms against a 100 ms ack deadline: every ack comes too late.
        let text = """
            [scenario]
            name = "late-acks"
            duration = "5s"

            [[queue]]
            name = "jobs"
            ack_deadline = "100ms"

            [[producer]]
            name = "p"
            target = "jobs"
            rate = 5.0

            [[consumer]]
            name = "slow"
            source = "jobs"
            service = { distribution = "constant", mean = "300ms" }
            """
        let simulation = try Simulation(scenario: try ScenarioLoader.parse(text, file: "late.toml"),
                                        options: .init(keepFullEventLog: true))
        simulation.runToEnd()
        #expect(simulation.violation == nil, "\(simulation.violation?.description ?? "")")
        #expect(simulation.now == 5 * NanosPerUnit.second)
        #expect(simulation.eventLog.contains { $0.text.contains("late ack") })
    }

    @Test func refusalKindsTheModelExpectsAreNamedOnce() {
        #expect(BrokerError.deliveryNotInFlight(queue: "q", sequence: 1).isDeliveryNoLongerInFlight)
        #expect(!BrokerError.unknownQueue("q").isDeliveryNoLongerInFlight)
        #expect(BrokerError.queueFull(queue: "q", capacity: 1).isRejectedAppend)
        #expect(BrokerError.retentionLimitReached(topic: "t", partition: 0, limit: "10 messages").isRejectedAppend)
        #expect(!BrokerError.unknownTopic("t").isRejectedAppend)
    }
}
