import Broker
import SluiceModel
import Synchronization
import Testing

@Suite struct AppendSignalTests {
    final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    @Test func aWaiterIsWokenOnceByTheNextAppendOnAnyTopicThenMustWaitAgain() throws {
        let broker = Broker(clock: ManualClock())
        let orders = try broker.createTopic("orders", partitions: 2)
        let audit = try broker.createTopic("audit", partitions: 1)
        let woken = Count()
        broker.appendSignal.next { woken.value.add(1, ordering: .relaxed) }
        #expect(woken.value.load(ordering: .relaxed) == 0, "nothing appended yet")
        _ = try orders.append([ProducerRecord(value: [1])], toPartition: 1)
        #expect(woken.value.load(ordering: .relaxed) == 1)
        _ = try audit.produce(ProducerRecord(value: [2]))
        #expect(woken.value.load(ordering: .relaxed) == 1, "one-shot: it registers again if it still waits")
        broker.appendSignal.next { woken.value.add(1, ordering: .relaxed) }
        _ = audit.produce(contentsOf: [ProducerRecord(value: [3])])
        #expect(woken.value.load(ordering: .relaxed) == 2)
    }
}
