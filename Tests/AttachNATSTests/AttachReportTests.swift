import Testing
import AttachNATS
import SluiceModel

/// The headless `sluice attach --once` text.
struct AttachReportTests {
    @Test func reportShowsStreamsConsumersDeadLettersAndUnavailableActions() {
        var history = JetStreamHistory(epochAtStart: JetStreamHistoryTests.epoch)
        history.record(JetStreamPoll(at: 0, streams: [JetStreamHistoryTests.stream(last: 100, messages: 90)],
                                     consumers: [JetStreamHistoryTests.consumer(delivered: 40, pending: 7, ackPending: 5)]))
        var ledger = DeadLetterLedger()
        _ = ledger.record(JetStreamAdvisory(kind: .maxDeliveries, stream: "ORDERS", consumer: "billing",
                                            streamSequence: 12, deliveries: 4), at: 0)
        let snapshot = SystemSnapshot(
            source: SourceInfo(engine: "NATS JetStream", name: "nats://h:4222", description: "nats-server 2.9.10, JetStream"),
            clock: ClockInfo(now: 0), topics: history.topics, groups: history.groups,
            queues: ledger.queues(consumers: []),
            capabilities: JetStreamCapabilities.make(serverVersion: ServerVersion("2.9.10"), readOnly: false),
            connectionProblem: "connection lost; reconnecting")
        let lines = AttachReport.render(snapshot).split(separator: "\n").map(String.init)
        #expect(lines.contains("! connection lost; reconnecting"))
        #expect(lines.contains { $0.hasPrefix("ORDERS  ") && $0.contains("90") && $0.contains("11") && $0.contains("100") })
        #expect(lines.contains { $0.hasPrefix("ORDERS/billing") && $0.contains(" 7 ") && $0.contains("5/50") })
        #expect(lines.contains("ORDERS/billing: ORDERS #12 max deliveries reached (4)"))
        #expect(lines.contains("  pauseResume: nats-server 2.9.10 has no consumer pause; needs 2.11+"))
    }
}
