import Testing
import SluiceModel
import Broker
@testable import Simulation

@Suite struct ScenarioLoaderTests {
    static let baseline = """
    [scenario]
    name = "checkout"
    description = "One line shown in lists."
    seed = 42                 # --seed overrides
    duration = "10m"          # simulated time; --duration overrides
    warmup = "1m"             # statistics ignore this first stretch

    [[stream]]
    name = "orders"
    partitions = 6
    retention = { max_messages = 100000, max_age = "1h", discard = "old" }

    [[queue]]
    name = "emails"
    capacity = 1000           # messages waiting + in flight; omitted = unbounded
    overflow = "reject"       # reject | drop_oldest | block
    ack_deadline = "30s"
    max_deliveries = 5
    dead_letter = "emails.dlq"
    retry = { backoff = "exponential", initial = "1s", multiplier = 2.0, max = "60s", jitter = "full" }

    [[queue]]
    name = "emails.dlq"       # a dead-letter queue is declared like any other

    [[producer]]
    name = "checkout"
    target = "orders"         # a stream or a queue
    rate = 90.0               # per simulated second
    arrivals = "poisson"      # poisson | constant | bursty
    keys = { count = 1000, distribution = "uniform" }   # zipf takes s = 1.2; "none" for no key

    [[consumer]]
    name = "billing"
    source = "orders"         # a stream (with group) or a queue
    group = "billing"
    instances = 3
    concurrency = 1           # messages one instance handles at once
    service = { distribution = "exponential", mean = "100ms" }   # constant | exponential | uniform | lognormal
    failure = { probability = 0.02 }
    idempotent = false
    commit = "after"          # after | before | before_batch | "auto:5s" (streams only)

    [[fault]]
    at = "2m"
    action = "pause"          # pause | resume | crash | restart | outage | rate | poison | scale
    target = "billing/1"

    [expect]
    lost = 0
    dead_lettered = "> 0"
    """

    @Test func readsTheBaselineSchema() throws {
        let scenario = try ScenarioLoader.parse(Self.baseline, file: "x.toml")
        #expect(scenario.name == "checkout")
        #expect(scenario.seed == 42)
        #expect(scenario.duration == 600 * NanosPerUnit.second)
        #expect(scenario.warmup == 60 * NanosPerUnit.second)
        #expect(scenario.streams == [StreamSpec(name: "orders", partitions: 6,
                                                retention: .init(maxMessages: 100_000, maxAge: 3600 * NanosPerUnit.second))])
        let queue = try #require(scenario.queues.first)
        #expect(queue.capacity == 1000 && queue.overflow == .rejectNew && queue.maxDeliveries == 5)
        #expect(queue.deadLetter == "emails.dlq")
        #expect(queue.retry == RetryPolicy.exponential(initial: NanosPerUnit.second, multiplier: 2, max: 60 * NanosPerUnit.second, jitter: .full))
        #expect(scenario.producers.first?.keys == .uniform(count: 1000))
        let consumer = try #require(scenario.consumers.first)
        #expect(consumer.group == "billing" && consumer.instances == 3 && consumer.failureProbability == 0.02)
        #expect(consumer.service == .exponential(mean: 100 * NanosPerUnit.millisecond))
        #expect(scenario.faults == [FaultSpec(at: 120 * NanosPerUnit.second, action: .pause, target: "billing/1")])
        #expect(scenario.expectations.map(\.text) == ["dead_lettered > 0", "lost == 0"])
    }

    /// Replaces the first occurrence of `old` in the baseline and returns the load error.
    private func error(replacing old: String, with new: String) -> ScenarioError? {
        let text = Self.baseline.replacingFirst(old, with: new)
        #expect(text != Self.baseline, "the test's replacement did not apply")
        do {
            _ = try ScenarioLoader.parse(text, file: "Scenarios/x.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func aBadDurationNamesFileLineKeyAndExpectation() {
        let error = error(replacing: #"mean = "100ms""#, with: #"mean = "fast""#)
        #expect(error?.description == #"Scenarios/x.toml:38: consumer.service.mean: expected a duration like "250ms", got "fast""#)
    }

    @Test func errorsInTheSecondTableOfAnArrayPointAtItsOwnLine() {
        let text = Self.baseline + """

        [[consumer]]
        name = "audit"
        source = "orders"
        group = "audit"
        concurrency = 0
        """
        #expect(throws: ScenarioError(file: "f.toml", line: 55, key: "consumer.concurrency",
                                      message: "expected an integer from 1 to 10000, got 0")) {
            try ScenarioLoader.parse(text, file: "f.toml")
        }
    }

    @Test func syntaxErrorsCarryTheParserPosition() {
        let error = error(replacing: "partitions = 6", with: "partitions = = 6")
        #expect(error?.line == 10)
        #expect(error?.description.hasPrefix("Scenarios/x.toml:10: not valid TOML") == true)
    }

    @Test func unknownNamesAndKeysAreExplained() {
        #expect(error(replacing: #"target = "orders""#, with: #"target = "order""#)?.description
            == #"Scenarios/x.toml:27: producer.target: expected the name of a stream or queue (orders, emails, emails.dlq), got "order""#)
        #expect(error(replacing: "instances = 3", with: "instanzes = 3")?.key == "consumer.instanzes")
        #expect(error(replacing: #"target = "billing/1""#, with: #"target = "billing/9""#)?.message
            == #"expected an instance from billing/1 to billing/3, got "billing/9""#)
        #expect(error(replacing: #"arrivals = "poisson""#, with: #"arrivals = "steady""#)?.message
            == #"expected one of poisson, constant, bursty, got "steady""#)
        #expect(error(replacing: #"group = "billing""#, with: "")?.message
            == #"missing; a consumer of stream "orders" needs a consumer group"#)
        #expect(error(replacing: "dead_lettered = \"> 0\"", with: "dead_letters = 1")?.line == 50)
        #expect(error(replacing: "dead_lettered = \"> 0\"", with: "dead_lettered = \"lots\"")?.message
            == #"expected a number, a comparison like "> 0" or "== other_key", or "0.9 ± 10%", got "lots""#)
        #expect(error(replacing: #"commit = "after""#, with: #"commit = "auto:soon""#)?.line == 41)
        #expect(error(replacing: "rate = 90.0", with: "rate = -1")?.message == "expected a number from 0 to 1000000, got -1")
    }

    /// Every chosen word is an enum: an unknown one names the file, the line, the key and the cases.
    @Test(arguments: [
        (#"discard = "old""#, #"discard = "oldest""#, "Scenarios/x.toml:11: stream.retention.discard: expected one of old, new, got \"oldest\""),
        (#"backoff = "exponential""#, #"backoff = "linear""#,
         "Scenarios/x.toml:20: queue.retry.backoff: expected one of exponential, fixed, list, none, got \"linear\""),
        (#"distribution = "uniform" }"#, #"distribution = "normal" }"#,
         "Scenarios/x.toml:30: producer.keys.distribution: expected one of uniform, zipf, none, got \"normal\""),
        (#"service = { distribution = "exponential""#, #"service = { distribution = "gamma""#,
         "Scenarios/x.toml:38: consumer.service.distribution: expected one of constant, exponential, uniform, lognormal, got \"gamma\""),
        ("instances = 3", #"instances = 3\#nstart = "middle""#,
         "Scenarios/x.toml:37: consumer.start: expected one of earliest, latest, got \"middle\""),
    ])
    func anUnknownChoiceListsTheAcceptedValues(_ old: String, _ new: String, _ expected: String) {
        #expect(error(replacing: old, with: new)?.description == expected)
    }

    @Test func nestedExpectationsReadAsDottedKeys() throws {
        let text = Self.baseline + """

        "queues.emails.mean_wait_s" = "< 2.5"
        groups."orders/billing".max_lag = ">= 0"
        """
        let scenario = try ScenarioLoader.parse(text, file: "x.toml")
        #expect(scenario.expectations.map(\.text).contains("queues.emails.mean_wait_s < 2.5"))
        #expect(scenario.expectations.map(\.text).contains("groups.orders/billing.max_lag >= 0"))
    }

    @Test func aMissingFileIsAnErrorNotACrash() {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.resolve("/nonexistent/none.toml") }
    }
}

extension String {
    func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = range(of: old) else { return self }
        return replacingCharacters(in: range, with: new)
    }
}

import Foundation

@Suite struct ScenarioSchemaTests {
    private func message(_ text: String) -> String? {
        do {
            _ = try ScenarioLoader.parse(text, file: "t.toml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func twoConsumersCannotShareAGroup() {
        let text = """
        [scenario]
        name = "t"
        [[stream]]
        name = "s"
        [[consumer]]
        name = "a"
        source = "s"
        group = "g"
        [[consumer]]
        name = "b"
        source = "s"
        group = "g"
        """
        #expect(message(text) == #"t.toml:12: consumer.group: another consumer already reads s as group "g"; a group is one consumer with several instances"#)
    }

    @Test func patternsDownstreamsAndFaultsAreRead() throws {
        let text = """
        [scenario]
        name = "t"
        [[stream]]
        name = "s"
        [[queue]]
        name = "q"
        [[downstream]]
        name = "api"
        outages = [{ at = "10s", for = "5s" }]
        breaker = { failure_rate = 0.4, open_for = "2s" }
        [[consumer]]
        name = "c"
        source = "q"
        downstream = "api"
        poison = { field = "amount", equals = "-1" }
        [[pattern]]
        name = "saga"
        kind = "saga"
        target = "s"
        [[fault]]
        at = "1m"
        action = "outage"
        target = "api"
        for = "10s"
        [[fault]]
        at = "2m"
        action = "scale"
        target = "c"
        instances = 3
        [[fault]]
        at = "3m"
        action = "crash"
        target = "c/3"
        """
        let scenario = try ScenarioLoader.parse(text, file: "t.toml")
        #expect(scenario.downstreams.first?.outages == [.init(at: 10 * NanosPerUnit.second, length: 5 * NanosPerUnit.second)])
        #expect(scenario.downstreams.first?.breaker?.failureRate == 0.4)
        #expect(scenario.consumers.first?.poison == .field(name: "amount", equals: "-1"))
        #expect(scenario.patterns.first?.steps == ["reserve", "charge", "ship"])
        #expect(scenario.faults.map(\.action) == [.outage, .scale, .crash])
        #expect(scenario.faults[1].value == 3)
        #expect(message(text.replacingOccurrences(of: #"target = "api""#, with: #"target = "apx""#))?.contains("expected a downstream (api)") == true)
        #expect(message(text.replacingOccurrences(of: #"kind = "saga""#, with: #"kind = "sag""#))?.contains("expected one of outbox, dual_write, saga, cdc, event_sourcing") == true)
    }

    @Test func everyErrorCarriesALineForEveryBuiltinKey() {
        // Break each key of the demo in turn (replace its value with a table): every error must name its line.
        guard let demo = BuiltinScenarios.text(named: "demo") else { Issue.record("no demo"); return }
        let lines = demo.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() where line.contains(" = ") && !line.hasPrefix("#") {
            var broken = lines
            let key = line.prefix { $0 != "=" }
            broken[number] = key + "= { broken = true }"
            guard let message = message(broken.joined(separator: "\n")) else { continue }
            #expect(message.hasPrefix("t.toml:\(number + 1): "), "\(message)")
        }
    }
}
