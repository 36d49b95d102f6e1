import Broker
import KafkaListener
import SluiceModel
import Testing

/// The served broker keeps Unix time; the screen counts from the start. A browse from a time must land on
/// the first record at or after it on the screen's clock, and show record times on that clock too.
@Suite struct ListenerBrowseFromTimeTests {
    @Test func browsingFromATimeCountsFromTheStartOfTheServe() throws {
        let second = NanosPerUnit.second
        // A broker clock far from zero, as Unix time is.
        let clock = ManualClock(now: 1_700_000_000 * second)
        let broker = Broker(clock: clock)
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
        defer { listener.stop() }
        let backend = ListenerBackend(broker: broker, listener: listener)
        let topic = try broker.createTopic("orders", partitions: 1)
        var random = SeededGenerator(seed: 5)
        var stamps: [Nanos] = []
        for index in 0..<40 {
            clock.advance(by: Nanos(1 + random.next() % 900) * NanosPerUnit.millisecond)
            stamps.append(clock.now() - 1_700_000_000 * second)
            try topic.produce(ProducerRecord(value: Array("r\(index)".utf8)))
        }
        let asked = stamps[17] - 1
        #expect(backend.send(.inspect(.partition(topic: "orders", partition: 0, from: .time(asked)))) == .done("inspecting 23 messages"))
        let page = try #require(backend.snapshot().inspection)
        #expect(page.target == .partition(topic: "orders", partition: 0, from: .time(asked)))
        #expect(page.messages.first?.offset == 17)
        #expect(page.messages.map(\.timestamp) == Array(stamps[17...]))
        // An id the broker does not have is refused in words.
        guard case .failed(let reason) = backend.send(.inspect(.partition(topic: "orders", partition: 0, from: .entryID("x")))) else {
            Issue.record("an entry id was accepted"); return
        }
        #expect(reason.contains("names records by offset"))
    }
}
