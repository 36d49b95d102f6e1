import Testing
import SluiceModel
@testable import Simulation

/// Dead-letter queues may form a chain (a -> b -> c) but not a circle.
@Suite struct DeadLetterChainTests {
    private static let chain = """
    [scenario]
    name = "chain"
    duration = "20s"

    [[queue]]
    name = "a"
    max_deliveries = 2
    dead_letter = "b"

    [[queue]]
    name = "b"
    max_deliveries = 2
    dead_letter = "c"

    [[queue]]
    name = "c"

    [[producer]]
    name = "p"
    target = "a"
    rate = 5.0

    [[consumer]]
    name = "w"
    source = "a"
    failure = { probability = 1.0 }

    [[consumer]]
    name = "v"
    source = "b"
    failure = { probability = 1.0 }
    """

    @Test func aChainOfDeadLetterQueuesRunsAndMessagesReachItsEnd() throws {
        let outcome = try quietRun(Self.chain, file: "chain.toml")
        #expect(outcome.exitCode == 0)
        #expect(try #require(outcome.summary.number(at: .queue("a", .deadLettered))) > 0)
        #expect(try #require(outcome.summary.number(at: .queue("b", .deadLettered))) > 0)
        #expect(try #require(outcome.summary.number(at: .queue("c", .finalDepth))) > 0)
    }

    @Test func aCircleOfDeadLetterQueuesIsRefusedWithFileLineAndKey() {
        let circle = Self.chain.replacingFirst("name = \"c\"\n", with: "name = \"c\"\nmax_deliveries = 2\ndead_letter = \"a\"\n")
        #expect(circle != Self.chain)
        #expect(throws: ScenarioError(file: "chain.toml", line: 8, key: "queue.dead_letter",
                                      message: "dead letters would go round in a circle: a -> b -> c -> a")) {
            try ScenarioLoader.parse(circle, file: "chain.toml")
        }
    }
}

@Suite struct DeadLetterQueueBoundTests {
    @Test func aBoundOnAQueueThatTakesDeadLettersIsRefused() {
        let text = """
        [scenario]
        name = "bounded-dlq"
        [[queue]]
        name = "jobs"
        max_deliveries = 2
        dead_letter = "jobs.dlq"
        [[queue]]
        name = "jobs.dlq"
        capacity = 10
        """
        #expect(throws: ScenarioError(file: "d.toml", line: 9, key: "queue.capacity",
                                      message: "a dead-letter queue takes every dead letter, so it cannot be bounded; remove capacity")) {
            try ScenarioLoader.parse(text, file: "d.toml")
        }
    }
}
