#if RabbitMQ
import Testing
@testable import AttachRabbitMQ
import SluiceModel

/// Each test builds its topology on the live rabbitmq-server and compares what the backend shows with
/// what the management API returns, or with what a client of the test's own sees over AMQP.
@Suite(.serialized, .enabled(if: RabbitMQTestServer.available, Comment(rawValue: RabbitMQTestServer.missing)))
struct RabbitMQBackendTests {
    @Test func everyFigureMatchesTheManagementAPI() throws {
        let client = try RabbitMQTestClient()
        try client.declareWorkQueue("figures", deliveryLimit: 3)
        try client.delete("/api/queues/%2F/figures.events")
        try client.put("/api/queues/%2F/figures.events", #"{"durable":true,"arguments":{"x-queue-type":"stream"}}"#)
        try client.publish("figures", count: 10)
        let consumer = try RabbitMQTestClient.connection()
        try consumer.holdDeliveries(of: "figures", prefetch: 3)
        try client.await("figures", "3 unacknowledged, 7 ready, 1 consumer") {
            $0["messages_unacknowledged"].int == 3 && $0["messages_ready"].int == 7 && $0["consumers"].int == 1
        }
        let backend = try RabbitMQBackend(options: try RabbitMQTestServer.options())
        let snapshot = backend.snapshot()
        let api = try client.queue("figures"), apiDLQ = try client.queue("figures.dlq")
        let apiConsumer = try #require(try client.json("/api/consumers/%2F").array.first { $0["queue"]["name"].string == "figures" })
        #expect(snapshot.connectionProblem == nil)
        #expect(snapshot.source.engine == "RabbitMQ")
        #expect(snapshot.events.contains { $0.text == RabbitMQBackend.statisticsLag })

        let queue = try #require(snapshot.queues.first { $0.name == "figures" })
        #expect(queue.waiting == api["messages_ready"].int)
        #expect(queue.inFlight == api["messages_unacknowledged"].int)
        #expect(queue.consumers.count == api["consumers"].int)
        #expect(queue.consumers.first?.maxInFlight == apiConsumer["prefetch_count"].int)
        #expect(queue.consumers.first?.inFlight == api["messages_unacknowledged"].int, "a lone consumer holds every unacknowledged message")
        #expect(queue.maxDeliveries == api["arguments"]["x-delivery-limit"].int)
        #expect(queue.counters.produced == api["message_stats"]["publish"].int64 ?? 0)
        #expect(queue.counters.delivered == api["message_stats"]["deliver_get"].int64 ?? 0)
        #expect(queue.details.first { $0.label == "type" }?.value == api["type"].string)
        #expect(queue.deadLetterQueue == "figures.dlq", "dead-letter exchange figures.dlx with key figures.dead is bound to it")

        let dlq = try #require(snapshot.queues.first { $0.name == "figures.dlq" })
        #expect(dlq.deadLetterOf == ["figures"])
        #expect(dlq.waiting == apiDLQ["messages_ready"].int)
        #expect(dlq.details.first { $0.label == "type" }?.value == apiDLQ["type"].string)

        let stream = try #require(snapshot.queues.first { $0.name == "figures.events" })
        #expect(stream.details.first { $0.label == "type" }?.value == "stream")
        #expect(stream.maxDeliveries == nil)

        // Browsing (get and requeue) is refused per queue in the snapshot, before any key is pressed: on the stream
        // queue, which basic.get cannot read, and on the quorum queue whose delivery limit a requeue counts against.
        // The classic dead-letter queue can be browsed; the backend refuses the others in the same words.
        let capabilities = snapshot.capabilities
        guard case .unavailable(let onStream) = capabilities.availability(.inspect, on: .queue("figures.events")),
              case .unavailable(let onQuorum) = capabilities.availability(.inspect, on: .queue("figures")) else {
            Issue.record("browsing is offered on a stream queue or a quorum queue with a delivery limit"); return
        }
        #expect(onStream.contains("figures.events is a stream queue"))
        #expect(onQuorum.contains("delivery limit (\(api["arguments"]["x-delivery-limit"].int ?? -1))"))
        #expect(capabilities.availability(.inspect, on: .queue("figures.dlq")) == .available)
        #expect(backend.send(.inspect(.queue(name: "figures.events"))) == .failed(onStream))
        #expect(backend.send(.inspect(.queue(name: "figures"))) == .failed(onQuorum))
        #expect(try client.queue("figures")["messages_ready"].int == 7, "nothing was taken from the quorum queue")

        let exchange = try #require(snapshot.topics.first { $0.name == "figures.dlx" })
        #expect(exchange.details.contains(Detail("→ queue figures.dlq", "key figures.dead")))
        #expect(!snapshot.topics.contains { $0.name.hasPrefix("amq.") }, "the built-in exchanges are left out")

        let report = RabbitMQAttachReport.render(snapshot)
        #expect(report.contains("figures.dlq (DLQ of figures)"))
        #expect(report.contains(RabbitMQBackend.statisticsLag))
    }

    @Test func rejectedAndOverTheLimitLettersReachTheDeadLetterQueueWithTheirReasons() throws {
        let client = try RabbitMQTestClient()
        try client.declareWorkQueue("letters", deliveryLimit: 1)
        try client.publish("letters", count: 2)
        let worker = try RabbitMQTestClient.connection()
        // The first is rejected outright; the second is put back until the delivery limit dead-letters it.
        let first = try #require(try worker.get(queue: "letters"))
        try worker.reject(first.deliveryTag, requeue: false)
        var attempts = 0
        while let again = try worker.get(queue: "letters"), attempts < 10 {
            try worker.reject(again.deliveryTag, requeue: true)
            attempts += 1
        }
        #expect(attempts == 2, "a delivery limit of 1 lets a message be returned once, then dead-letters it")
        try client.await("letters.dlq", "two dead letters") { $0["messages_ready"].int == 2 }

        let backend = try RabbitMQBackend(options: try RabbitMQTestServer.options())
        guard case .done = backend.send(.inspect(.queue(name: "letters.dlq", skip: 0))) else {
            Issue.record("browsing the dead-letter queue failed"); return
        }
        let messages = try #require(backend.snapshot().inspection?.messages)
        #expect(messages.map(\.messageId) == ["m1", "m2"])
        #expect(messages.allSatisfy { $0.state == .deadLettered })
        let reasons = messages.map { message in
            message.headers.first { $0.name == "x-first-death-reason" }.map { String(decoding: $0.value, as: UTF8.self) }
        }
        #expect(reasons == ["rejected", "delivery_limit"])
        #expect(messages[0].history.contains(.note("x-death: rejected from letters (exchange (default), key letters) 1x")))
        #expect(messages[1].history.contains(.note("x-first-death-reason: delivery_limit in letters")))
        // Browsing put them back: the test's own client reads the same letters, still there.
        let reader = try RabbitMQTestClient.connection()
        let peek = try #require(try reader.get(queue: "letters.dlq"))
        #expect(peek.messageID == "m1")
        #expect(DeadLetterDeaths(headers: peek.headers).firstReason == "rejected")
        try reader.requeue(upTo: peek.deliveryTag)
    }

    @Test func redriveMovesLettersBackAtTheChosenRateAndPurgeEmptiesAQueue() throws {
        let client = try RabbitMQTestClient()
        try client.declareWorkQueue("redrive", deliveryLimit: 5)
        try client.publish("redrive", count: 3)
        let worker = try RabbitMQTestClient.connection()
        for _ in 1...3 {
            let delivery = try #require(try worker.get(queue: "redrive"))
            try worker.reject(delivery.deliveryTag, requeue: false)
        }
        try client.await("redrive.dlq", "three dead letters") { $0["messages_ready"].int == 3 }
        let backend = try RabbitMQBackend(options: try RabbitMQTestServer.options())
        guard case .done(let started) = backend.send(.redrive(deadLetterQueue: "redrive.dlq", perSecond: 1)) else {
            Issue.record("the redrive did not start"); return
        }
        #expect(started.contains("3 letters"))
        // One second's allowance at a time: one letter now, one more per second of time passed in.
        #expect(backend.redriveProgress?.hasPrefix("redrive redrive.dlq: 1 of 3") == true)
        backend.advance(wallNanos: NanosPerUnit.second / 2)
        #expect(backend.redriveProgress?.hasPrefix("redrive redrive.dlq: 1 of 3") == true)
        backend.advance(wallNanos: NanosPerUnit.second / 2)
        #expect(backend.redriveProgress?.hasPrefix("redrive redrive.dlq: 2 of 3") == true)
        backend.advance(wallNanos: NanosPerUnit.second)
        #expect(backend.redriveProgress == nil, "finished")
        #expect(backend.snapshot().events.contains { $0.kind == .redrive && $0.text.contains("3 of 3") })
        try client.await("redrive", "three letters back in the source") { $0["messages_ready"].int == 3 }
        try client.await("redrive.dlq", "the dead-letter queue empty") { $0["messages_ready"].int == 0 }
        let back = try #require(try worker.get(queue: "redrive"))
        #expect(back.messageID == "m1", "the letter went back where it was first published, with its body")
        #expect(back.body == Array("m1".utf8))
        try worker.requeue(upTo: back.deliveryTag)

        #expect(backend.send(.purge(queue: "redrive")) == .done("purged redrive: 3 messages dropped"))
        try client.await("redrive", "the purge") { $0["messages"].int == 0 }
    }

    @Test func publishRoutesThroughAnExchangeWithHeadersAndRefusesWhatCannotRoute() throws {
        let client = try RabbitMQTestClient()
        try client.delete("/api/queues/%2F/routed")
        try client.put("/api/exchanges/%2F/routing.topic", #"{"type":"topic","durable":true}"#)
        try client.put("/api/queues/%2F/routed", #"{"durable":true}"#)
        try client.post("/api/bindings/%2F/e/routing.topic/q/routed", #"{"routing_key":"orders.*"}"#)
        let backend = try RabbitMQBackend(options: try RabbitMQTestServer.options())
        let hostile: [UInt8] = Array("evil\u{1b}[2J".utf8)
        let published = backend.send(.publish(target: "routing.topic", key: "orders.eu", value: Array("{\"n\":1}".utf8),
                                              headers: [Header("trace", hostile)], messageId: "p1"))
        #expect(published == .done("published 7 bytes to exchange routing.topic with key orders.eu, confirmed by the broker"))
        let unroutable = backend.send(.publish(target: "routing.topic", key: "invoices.eu", value: [1], headers: [], messageId: nil))
        #expect(unroutable == .failed("no queue is bound to exchange routing.topic with key invoices.eu: the message was returned unroutable"))
        let keyed = backend.send(.publish(target: "routed", key: "x", value: [1], headers: [], messageId: nil))
        guard case .failed(let refusal) = keyed else { Issue.record("a key on a queue target was accepted"); return }
        #expect(refusal.contains("publish to an exchange"))

        let reader = try RabbitMQTestClient.connection()
        let delivery = try #require(try reader.get(queue: "routed"))
        #expect(delivery.routingKey == "orders.eu")
        #expect(delivery.messageID == "p1")
        #expect(delivery.headers[field: "trace"] == .bytes(hostile))
        try reader.requeue(upTo: delivery.deliveryTag)

        backend.pollNow()
        guard case .done = backend.send(.inspect(.queue(name: "routed", skip: 0))) else { Issue.record("browse failed"); return }
        let message = try #require(backend.snapshot().inspection?.messages.first)
        #expect(message.headers.contains(Header("trace", hostile)), "the inspector gets the bytes; the dashboard escapes them")
        #expect(message.key == Array("orders.eu".utf8))
    }

    @Test func readOnlyRefusesChangesAndPauseSaysWhy() throws {
        let backend = try RabbitMQBackend(options: try RabbitMQTestServer.options(readOnly: true))
        #expect(backend.send(.publish(target: "routed", key: nil, value: [1], headers: [], messageId: nil)) == .failed("attached with --read-only"))
        #expect(backend.send(.redrive(deadLetterQueue: "letters.dlq", perSecond: nil)) == .failed("attached with --read-only"))
        guard case .failed(let pause) = backend.send(.pause(consumers: .queue("routed"), member: nil)) else { Issue.record("pause was accepted"); return }
        #expect(pause.hasPrefix("RabbitMQ cannot pause a consumer"))
        #expect(backend.send(.purge(queue: "routed")) == .failed("attached with --read-only"))
    }
}
#endif
