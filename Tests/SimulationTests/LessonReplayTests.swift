import Foundation
import Broker
import SluiceModel
import Testing
@testable import Simulation

/// A lesson's `replay` action names a group as its file writes it (`stream/group`, or the stream consumer's
/// name) and, optionally, one partition; both are read into the seam's typed ids, and the replay moves that
/// group's committed offsets in the broker.
@Suite struct LessonReplayTests {
    /// `LessonFormatTests`' lesson (the stream `orders` of two partitions, read by `worker` in group `worker`)
    /// with its first step moved to 10 s and taking the replay action `replay`.
    private static func lesson(replay: String) -> String {
        let first = "at = \"0s\"\ntext = \"first\""
        #expect(LessonFormatTests.lesson.contains(first))
        return LessonFormatTests.lesson.replacingOccurrences(of: first, with: "at = \"10s\"\ntext = \"first\"\nactions = [\(replay)]")
    }

    /// The line of the replay action in `text`.
    private static func actionsLine(_ text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("actions = [{ action = \"replay\"") } ?? -1) + 1
    }

    @Test(arguments: [#"target = "orders/worker""#, #"target = "worker""#])
    func theTargetIsReadIntoTheGroupsID(target: String) throws {
        let scenario = try ScenarioLoader.parse(Self.lesson(replay: "{ action = \"replay\", \(target), partition = 1 }"), file: "r.toml")
        #expect(scenario.lesson?.steps.first?.moves == [
            .replay(group: GroupID("worker", stream: "orders"), partition: PartitionRef(topic: "orders", partition: 1), to: .earliest),
        ])
    }

    @Test func aReplayOfOnePartitionMovesOnlyItsCommittedOffset() throws {
        let text = Self.lesson(replay: #"{ action = "replay", target = "orders/worker", partition = 1, to = "earliest" }"#)
        let simulation = try Simulation(scenario: ScenarioLoader.parse(text, file: "r.toml"))
        simulation.run(until: 10 * NanosPerUnit.second - 1)
        let before = try #require(simulation.broker.snapshot().group(id: GroupID("worker", stream: "orders"))).partitions
        #expect(before.allSatisfy { $0.committedOffset > 100 }, "both partitions committed work before the replay: \(before)")
        simulation.run(until: 10 * NanosPerUnit.second)
        let after = try #require(simulation.broker.snapshot().group(id: GroupID("worker", stream: "orders"))).partitions
        #expect(after[1].committedOffset == 0, "partition 1 replays from the earliest offset")
        #expect(after[0].committedOffset >= before[0].committedOffset, "partition 0 is left where it was")
        #expect(simulation.eventLog.contains { $0.text.hasPrefix("lesson: replay") }, "the replay is logged")
        #expect(simulation.violation == nil)
    }

    @Test(arguments: [
        (#"target = "orders/elsewhere""#, "step.actions.target", #"expected a consumer group (orders/worker), got "orders/elsewhere""#),
        (#"target = "worker", partition = 2"#, "step.actions.partition", "expected a partition of orders from 0 to 1, got 2"),
        (#"target = "worker", partition = "one""#, "step.actions.partition", #"expected a partition of orders from 0 to 1, got "one""#),
    ])
    func aBadTargetNamesFileLineKeyAndWhatWasExpected(replay: String, key: String, message: String) throws {
        let text = Self.lesson(replay: "{ action = \"replay\", \(replay) }")
        #expect(throws: ScenarioError.self) { try ScenarioLoader.parse(text, file: "r.toml") }
        do {
            _ = try ScenarioLoader.parse(text, file: "r.toml")
        } catch {
            #expect(error.file == "r.toml")
            #expect(error.line == Self.actionsLine(text), "the actions line")
            #expect(error.key == key)
            #expect(error.message.contains(message), "\(error)")
        }
    }
}
