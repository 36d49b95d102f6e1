import Dashboard
import SluiceModel
import Testing

/// Consumers whose engine counts in flight per channel (RabbitMQ) and who share one: the row shows the channel's
/// figure marked shared instead of a gauge against one consumer's prefetch, and `e` says so in words.
@Suite struct SharedInFlightTests {
    /// The fixture with both email senders on one channel holding 9 between them.
    static var shared: SystemSnapshot {
        var snapshot = Fixtures.checkout
        let index = snapshot.queues.firstIndex { $0.name == "emails" }!
        snapshot.queues[index].consumers = snapshot.queues[index].consumers.map { consumer in
            var consumer = consumer
            consumer.inFlight = 9
            consumer.inFlightSharedBy = 2
            return consumer
        }
        return snapshot
    }

    @Test func theRowShowsTheChannelsFigureMarkedShared() {
        let state = Fixtures.state(focus: .groups, on: .member(group: .queue("emails"), member: "email-sender/1"))
        let lines = Fixtures.render(state, Self.shared, width: 160, height: 48).lines
        let rows = lines.filter { $0.contains("email-sender/") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("9 shared ×2") }, "\(rows)")
        #expect(!rows.contains { $0.contains("9/8") }, "no gauge over the one consumer's prefetch")
        let unshared = Fixtures.render(state, Fixtures.checkout, width: 160, height: 48).lines.filter { $0.contains("email-sender/") }
        #expect(!unshared.contains { $0.contains("shared") })
    }

    @Test func explainSaysTheFigureIsTheChannelsSharedByItsConsumers() {
        let explained = Explainer.explain(.groups, .member(group: .queue("emails"), member: "email-sender/1"), Self.shared)
        #expect(explained?.facts.first == "in flight 9 shared by 2 consumers on one channel (the engine counts "
                + "unacknowledged deliveries per channel); its own prefetch 8")
        let alone = Explainer.explain(.groups, .member(group: .queue("emails"), member: "email-sender/1"), Fixtures.checkout)
        #expect(alone?.facts.first == "in flight 4 of at most 8: delivered to it and not yet acked or nacked")
    }
}
