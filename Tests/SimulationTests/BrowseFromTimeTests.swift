import Testing
import SluiceModel
import Broker
@testable import Simulation

/// The inspector on the simulation, from a time: the first record shown is the first the partition holds
/// at or after that time, found here by reading the whole partition.
@Suite struct BrowseFromTimeTests {
    @Test func browsingFromATimeStartsAtTheFirstRecordAtOrAfterIt() throws {
        let second = NanosPerUnit.second
        let backend = try SimulationBackend(scenarioNamed: "demo")
        backend.advance(wallNanos: 20 * second)
        let topic = try backend.simulation.broker.topic("orders")
        let all = Array(try topic.read(partition: 2, from: 0, max: 1_000_000))
        #expect(all.count > 20)
        var random = SeededGenerator(seed: 11)
        for _ in 0..<5 {
            // A time between two records' (so the first at or after it is unambiguous), anywhere in the run.
            let index = 1 + Int(random.next() % UInt64(all.count - 1))
            let asked = all[index - 1].timestamp + 1
            let expected = try #require(all.first { $0.timestamp >= asked })
            #expect(backend.send(.inspect(.partition(topic: "orders", partition: 2, from: .time(asked)))).isDone)
            let page = try #require(backend.snapshot().inspection)
            #expect(page.messages.first?.offset == expected.offset)
            #expect(page.messages.first.map { $0.timestamp >= asked } == true)
            #expect(page.before == Int(expected.offset - all[0].offset))
        }
        // After the last record: an empty page, nothing more to read.
        #expect(backend.send(.inspect(.partition(topic: "orders", partition: 2, from: .time(21 * second)))).isDone)
        #expect(backend.snapshot().inspection?.messages.isEmpty == true)
        // The embedded broker names records by offset only.
        guard case .failed(let reason) = backend.send(.inspect(.partition(topic: "orders", partition: 2, from: .entryID("7-0")))) else {
            Issue.record("an entry id was accepted"); return
        }
        #expect(reason.contains("names records by offset"))
    }
}
