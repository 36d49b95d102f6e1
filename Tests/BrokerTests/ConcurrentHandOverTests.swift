import Broker
import SluiceModel
import Synchronization
import Testing

/// Rebalances, dead-letter hand-over and redrive from several threads at once. What is checked is
/// conservation once the threads are done: every record is read at least once and every message ends
/// in exactly one place (acknowledged once, or still in the dead-letter queue).
@Suite struct ConcurrentHandOverTests {
    @Test func membersJoiningAndLeavingWhileOthersPollSkipNoRecord() async throws {
        let (broker, _) = makeBroker()
        let partitions = 4
        let topic = try broker.createTopic("t", partitions: partitions)
        let group = try broker.createGroup("g", topic: "t", strategy: .roundRobin)
        let pollers = 3
        for member in 0..<pollers { group.join(member: "m\(member)") }
        let records = 8_000
        let seen = Shared<Set<[Int64]>>([])
        let rebalances = await withTaskGroup(of: Int.self) { tasks in
            tasks.addTask {
                for start in stride(from: 0, to: records, by: 100) {
                    _ = topic.produce(contentsOf: (start..<start + 100).map { ProducerRecord(key: bytes("k\($0 % 13)"), value: bytes("\($0)")) })
                }
                return 0
            }
            // A member that keeps joining and leaving: every move is a rebalance the pollers live through.
            tasks.addTask {
                var moves = 0
                for round in 0..<300 {
                    if round % 2 == 0 { group.join(member: "churn") } else { _ = try? group.leave(member: "churn") }
                    moves += 1
                }
                _ = try? group.leave(member: "churn")
                return moves
            }
            for member in 0..<pollers {
                tasks.addTask {
                    var batch = RecordBatch()
                    for _ in 0..<1_500 {
                        try? group.poll(member: "m\(member)", max: 40, into: &batch)
                        let offsets = batch.map { [Int64($0.partition), $0.offset] }
                        seen.locked { $0.formUnion(offsets) }
                        // Refused after a rebalance: the records come again to whoever owns them now.
                        try? group.commit(batch)
                    }
                    return 0
                }
            }
            return await tasks.reduce(0, +)
        }
        #expect(rebalances == 300)
        // One member drains what the others left, from the committed offsets.
        for member in 1..<pollers { _ = try group.leave(member: "m\(member)") }
        var batch = RecordBatch()
        repeat {
            try group.poll(member: "m0", max: 500, into: &batch)
            let offsets = batch.map { [Int64($0.partition), $0.offset] }
            seen.locked { $0.formUnion(offsets) }
            try group.commit(batch)
        } while !batch.isEmpty
        var total: Int64 = 0
        for partition in 0..<partitions {
            let end = try topic.logEndOffset(partition: partition)
            total += end
            let read = seen.locked { set in (0..<end).filter { set.contains([Int64(partition), $0]) }.count }
            #expect(Int64(read) == end, "partition \(partition): every offset below the end was read")
            #expect(try group.committedOffset(partition: partition) == end)
        }
        #expect(total == Int64(records))
        #expect(group.totalLag == 0)
    }

    @Test func deadLettersAndRedrivesFromSeveralThreadsLoseAndDuplicateNothing() async throws {
        let (broker, _) = makeBroker()
        let dlq = try broker.createQueue("jobs.dlq")
        let jobs = try broker.createQueue("jobs", config: QueueConfig(maxDeliveries: 2, deadLetterQueue: "jobs.dlq"))
        let messages = 6_000
        let acked = Shared<[String]>([])
        // Workers fail every message whose number is odd on its first trip through the queue, so about half
        // are dead-lettered after two deliveries; a redrive sends them back, and a second trip succeeds.
        let redriven = Shared<Set<String>>([])
        await withTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                for start in stride(from: 0, to: messages, by: 100) {
                    _ = jobs.enqueue(contentsOf: (start..<start + 100).map { QueueMessage(value: bytes("\($0)")) })
                }
            }
            tasks.addTask {
                for _ in 0..<400 { try? dlq.redrive() }
            }
            for worker in 0..<3 {
                tasks.addTask {
                    var idle = 0
                    while idle < 1_000 {
                        let deliveries = jobs.receive(consumer: "w\(worker)", max: 16)
                        idle = deliveries.isEmpty ? idle + 1 : 0
                        for delivery in deliveries {
                            let value = text(delivery.value)
                            let odd = (Int(value) ?? 0) % 2 == 1
                            if odd, !redriven.locked({ $0.contains(value) }) {
                                try? jobs.nack(delivery.receipt)
                            } else if (try? jobs.ack(delivery.receipt)) != nil {
                                acked.locked { $0.append(value) }
                            }
                        }
                    }
                }
            }
            // Marks what the dead-letter queue holds as going round a second time before it is redriven.
            tasks.addTask {
                for _ in 0..<400 {
                    let held = dlq.messages(limit: 10_000).map { text($0.value) }
                    redriven.locked { $0.formUnion(held) }
                }
            }
        }
        // A redrive may land after the last worker stopped: what it sent home is finished here, one thread.
        var late = jobs.receive(consumer: "drain", max: messages)
        while !late.isEmpty {
            acked.locked { $0 += late.map { text($0.value) } }
            _ = try jobs.ack(late)
            late = jobs.receive(consumer: "drain", max: messages)
        }
        let done = acked.locked { $0 }
        let left = dlq.messages(limit: messages).map { text($0.value) }
        #expect(Set(done).count == done.count, "no message is acknowledged twice")
        #expect(Set(done).isDisjoint(with: left), "nothing is both done and still dead-lettered")
        #expect(Set(done).union(left) == Set((0..<messages).map(String.init)), "every message is in one place")
        #expect(jobs.depth == 0)
        #expect(jobs.snapshot().counters.deadLettered > 0, "messages were handed to the dead-letter queue")
        #expect(!redriven.locked { $0.isEmpty }, "and some were redriven while workers ran")
    }
}

/// A value several test threads read and change under one lock.
private final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func locked<Result: Sendable>(_ body: (inout Value) -> Result) -> Result { mutex.withLock { body(&$0) } }
}
