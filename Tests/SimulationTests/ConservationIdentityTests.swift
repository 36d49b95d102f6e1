import Testing
import SluiceModel
@testable import Simulation

/// Issue 3's identity on the summary: produced = acked + in flight + waiting + dead-lettered + dropped.
@Suite struct ConservationIdentityTests {
    private func totals(_ text: String) throws -> (produced: Double, accounted: Double, dropped: Double, deadLettered: Double) {
        let outcome = try quietRun(text, file: "c.toml")
        func value(_ key: SummaryKey.Total) throws -> Double { try #require(outcome.summary.totals[key]?.number) }
        let accounted = try [.acked, .inFlight, .waiting, .deadLettered, .dropped].reduce(0) { $0 + (try value($1)) }
        return (try value(.produced), accounted, try value(.dropped), try value(.deadLettered))
    }

    private static func stream(faults: String) -> String {
        """
        [scenario]
        name = "retention"
        duration = "30s"
        [[stream]]
        name = "orders"
        partitions = 3
        retention = { max_messages = 5 }
        [[producer]]
        name = "p"
        target = "orders"
        rate = 10.0
        keys = { count = 10, distribution = "uniform" }
        [[consumer]]
        name = "c"
        source = "orders"
        group = "g"
        service = { distribution = "exponential", mean = "20ms" }
        \(faults)
        """
    }

    @Test func retentionDropsAGroupNeverReadAreDroppedNotWaiting() throws {
        let paused = try totals(Self.stream(faults: "[[fault]]\nat = \"2s\"\naction = \"pause\"\ntarget = \"c\""))
        #expect(paused.dropped > 200)
        #expect(paused.produced == paused.accounted)
    }

    /// Once the group reads on past records retention removed, its commit settles their offsets (acked).
    @Test func theIdentityHoldsAfterAGroupSkipsRetentionDropsAndWhenItKeepsUp() throws {
        let resumed = try totals(Self.stream(faults: """
            [[fault]]
            at = "2s"
            action = "pause"
            target = "c"
            [[fault]]
            at = "20s"
            action = "resume"
            target = "c"
            """))
        #expect(resumed.dropped == 0)
        #expect(resumed.produced == resumed.accounted)
        let keepingUp = try totals(Self.stream(faults: ""))
        #expect(keepingUp.dropped == 0)
        #expect(keepingUp.produced == keepingUp.accounted)
    }

    @Test func aDropOldestIntoADeadLetterQueueCountsOnceAtTheTop() throws {
        let dropping = try totals("""
            [scenario]
            name = "drop"
            duration = "30s"
            [[queue]]
            name = "jobs"
            capacity = 5
            overflow = "drop_oldest"
            max_deliveries = 3
            dead_letter = "jobs.dlq"
            [[queue]]
            name = "jobs.dlq"
            [[producer]]
            name = "p"
            target = "jobs"
            rate = 20.0
            [[consumer]]
            name = "w"
            source = "jobs"
            service = { distribution = "constant", mean = "200ms" }
            """)
        #expect(dropping.dropped > 300)
        #expect(dropping.deadLettered == 0)
        #expect(dropping.produced == dropping.accounted)
    }
}
