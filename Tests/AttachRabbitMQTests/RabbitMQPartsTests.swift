import Testing
@testable import AttachRabbitMQ
import SluiceModel
import AttachSupport

/// The parts that need no server: URLs, dead-letter routing through bindings, x-death headers.
struct RabbitMQPartsTests {
    @Test func urlsAreParsedAndMistakesExplained() throws {
        let address = try RabbitMQAddress(url: "amqp://ops@rabbit.internal/billing%2Feu")
        #expect([address.host, "\(address.port)", address.vhost, address.user] == ["rabbit.internal", "5672", "billing/eu", "ops"])
        #expect(!address.tls)
        #expect(address.display == "amqp://ops@rabbit.internal:5672/billing/eu")
        #expect(throws: AttachError("the URL carries a password, which would show in the process list: put it in an "
                                            + "environment variable and name it with --password-env")) {
            try RabbitMQAddress(url: "amqp://ops:secret@host")
        }
        #expect(throws: AttachError("'amqp://host:99999': the port must be a number from 1 to 65535, got '99999'")) {
            try RabbitMQAddress(url: "amqp://host:99999")
        }
        let tls = RabbitMQConnectionOptions(url: "amqps://host")
        #expect(throws: AttachError.self) { try tls.address() }
        let withCA = RabbitMQConnectionOptions(url: "amqp://host", tlsCAFile: "/ca.pem")
        #expect(try withCA.management() == "https://host:15671")
        #expect(try RabbitMQConnectionOptions(url: "amqp://host", managementURL: "http://h:1/").management() == "http://h:1")
    }

    @Test func aCAFileThatIsMissingOrNotPEMIsBadInputBeforeAnythingConnects() {
        for (file, words) in [("/nonexistent/ca.pem", "cannot be read"), ("/dev/null", "holds no PEM certificate")] {
            let options = RabbitMQConnectionOptions(url: "amqps://127.0.0.1:1", managementURL: "http://127.0.0.1:1", tlsCAFile: file)
            #expect { try options.validate() } throws: { error in
                guard let error = error as? AttachError else { return false }
                return error.isBadInput && error.message.hasPrefix("--tls-ca \(file): \(words)")
            }
        }
    }

    @Test func deadLettersAreFollowedThroughDirectTopicFanoutAndChainedExchanges() {
        func queue(_ name: String, exchange: String?, key: String?) -> RabbitQueueFacts {
            var facts = RabbitQueueFacts(json: .object(["name": .string(name)]))
            facts.deadLetterExchange = exchange; facts.deadLetterRoutingKey = key
            return facts
        }
        let exchanges = [RabbitExchangeFacts(json: .object(["name": .string("dlx"), "type": .string("topic")])),
                         RabbitExchangeFacts(json: .object(["name": .string("fan"), "type": .string("fanout")])),
                         RabbitExchangeFacts(json: .object(["name": .string("work"), "type": .string("direct")]))]
        let bindings = [RabbitBindingFacts(source: "dlx", destination: "eu.dlq", routingKey: "orders.eu.#"),
                        RabbitBindingFacts(source: "dlx", destination: "all.dlq", routingKey: "*.*.dead"),
                        RabbitBindingFacts(source: "dlx", destination: "fan", destinationIsQueue: false, routingKey: "#"),
                        RabbitBindingFacts(source: "fan", destination: "audit", routingKey: "ignored"),
                        RabbitBindingFacts(source: "work", destination: "orders", routingKey: "orders.eu.new")]
        let routing = DeadLetterRouting(exchanges: exchanges, bindings: bindings,
                                        queues: ["orders", "eu.dlq", "all.dlq", "audit", "plain.dlq"])
        #expect(routing.deadLetterQueues(of: queue("orders", exchange: "dlx", key: "orders.eu.dead")) == ["all.dlq", "audit", "eu.dlq"])
        // Without a dead-letter key a letter keeps its own: the keys that routed it to the queue.
        #expect(routing.deadLetterQueues(of: queue("orders", exchange: "dlx", key: nil)) == ["audit", "eu.dlq"])
        #expect(routing.deadLetterQueues(of: queue("orders", exchange: "", key: "plain.dlq")) == ["plain.dlq"])
        #expect(routing.deadLetterQueues(of: queue("orders", exchange: nil, key: nil)).isEmpty)
        #expect(DeadLetterRouting.topicMatches(pattern: ["a", "#"], words: ["a"]))
        #expect(!DeadLetterRouting.topicMatches(pattern: ["a", "*"], words: ["a"]))
    }

    @Test func xDeathHeadersTellTheReasonAndTheOrigin() {
        let death: AMQPFieldValue = .table([AMQPTableEntry("count", .integer(2)), AMQPTableEntry("reason", .bytes(Array("expired".utf8))),
                                            AMQPTableEntry("queue", .bytes(Array("orders".utf8))),
                                            AMQPTableEntry("exchange", .bytes(Array("shop".utf8))),
                                            AMQPTableEntry("routing-keys", .array([.bytes(Array("orders.new".utf8))]))])
        let deaths = DeadLetterDeaths(headers: [AMQPTableEntry("x-death", .array([death])),
                                                AMQPTableEntry("x-first-death-reason", .bytes(Array("expired".utf8))),
                                                AMQPTableEntry("x-first-death-queue", .bytes(Array("orders".utf8)))])
        #expect(deaths.isDeadLetter)
        #expect(deaths.totalDeaths == 2)
        #expect(deaths.origin?.exchange == "shop")
        #expect(deaths.origin?.routingKeys == ["orders.new"])
        #expect(deaths.lines == ["x-death: expired from orders (exchange shop, key orders.new) 2x",
                                 "x-first-death-reason: expired in orders"])
        #expect(!DeadLetterDeaths(headers: []).isDeadLetter)
    }
}
