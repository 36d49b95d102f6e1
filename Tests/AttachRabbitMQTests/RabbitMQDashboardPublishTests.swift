#if RabbitMQ
import Dashboard
import Testing
@testable import AttachRabbitMQ
import SluiceModel

/// The dashboard's publish form on a live RabbitMQ, keys pressed as a person would: what the form's fields say
/// (target, routing key, value, message id, headers) is what the message in the queue carries.
@Suite(.serialized, .enabled(if: RabbitMQTestServer.available, Comment(rawValue: RabbitMQTestServer.missing)))
struct RabbitMQDashboardPublishTests {
    @Test func theFormsHeadersReachTheMessageInTheQueue() throws {
        let client = try RabbitMQTestClient()
        try client.delete("/api/queues/%2F/form.headers")
        try client.put("/api/exchanges/%2F/form.topic", #"{"type":"topic","durable":true}"#)
        try client.put("/api/queues/%2F/form.headers", #"{"durable":true}"#)
        try client.post("/api/bindings/%2F/e/form.topic/q/form.headers", #"{"routing_key":"form.#"}"#)
        let backend = try RabbitMQBackend(options: try RabbitMQTestServer.options())
        var session = DashboardSession(backend: backend, state: DashboardState(themeNames: ["default"]))
        session.press(.char("P"))
        let targets = try #require(currentForm(session)?.fields.first?.choices)
        for _ in targets where currentForm(session)?.value("target") != "form.topic" { session.press(.right) }
        // Key, value, message id, headers: the fields after the target, in order.
        let typed = ["form.eu", "{\"n\":1}", "f1", "trace-id=t-9; tenant = eu=west; escape=\u{1B}[2J"]
        for text in typed {
            session.press(.tab)
            for character in text { session.press(.char(character)) }
        }
        let form = try #require(currentForm(session))
        #expect(["target", "key", "value", "message id", "headers"].map(form.value) == ["form.topic"] + typed)
        session.press(.enter)
        #expect(session.state.status?.text == "published 7 bytes to exchange form.topic with key form.eu, confirmed by the broker")

        let reader = try RabbitMQTestClient.connection()
        let delivery = try #require(try reader.get(queue: "form.headers"), "the message reached the queue")
        try reader.requeue(upTo: delivery.deliveryTag)
        #expect(delivery.routingKey == "form.eu")
        #expect(delivery.body == Array("{\"n\":1}".utf8))
        #expect(delivery.messageID == "f1")
        #expect(delivery.headers.map(\.name) == ["trace-id", "tenant", "escape"])
        #expect(delivery.headers[field: "trace-id"] == .bytes(Array("t-9".utf8)))
        #expect(delivery.headers[field: "tenant"] == .bytes(Array("eu=west".utf8)))
        #expect(delivery.headers[field: "escape"] == .bytes(Array("\u{1B}[2J".utf8)), "the bytes as typed; only the screen escapes them")
    }

    private func currentForm(_ session: DashboardSession) -> Form? {
        if case .form(let form) = session.state.overlay { form } else { nil }
    }
}
#endif
