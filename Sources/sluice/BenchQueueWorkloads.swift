import Broker
import SluiceModel

/// Work-queue workloads.
extension BenchWorkload {
    /// Keeps 10 M messages of 100 bytes waiting and reports what each costs beyond its value in resident
    /// memory. Every message has its own value, as from real producers (a shared one would count once).
    static let queueMemory = BenchWorkload(name: "queue-memory") {
        let messages = 10_000_000
        let valueBytes = 100
        let batchSize = 100
        let broker = Broker(clock: MonotonicClock())
        guard let queue = try? broker.createQueue("bench") else { return .nothing }
        let residentBefore = residentBytes()
        var waiting = 0
        let timing = measure {
            for batchIndex in 0..<(messages / batchSize) {
                let batch = (0..<batchSize).map { index in
                    QueueMessage(value: [UInt8](repeating: UInt8(truncatingIfNeeded: batchIndex &+ index), count: valueBytes))
                }
                waiting += queue.enqueue(contentsOf: batch).enqueued
            }
        }
        let perMessage = Double(residentBytes() - residentBefore) / Double(max(waiting, 1))
        return withExtendedLifetime(broker) {
            BenchResult(ops: waiting, timing: timing, extra: [
                ("value_bytes", Double(valueBytes)), ("bytes_per_message", perMessage),
                ("overhead_bytes_per_message", perMessage - Double(valueBytes)),
            ])
        }
    }

    /// Enqueue a batch of 100, receive it, ack it: messages through the whole path.
    static let queueEndToEnd = BenchWorkload(name: "queue-e2e") {
        let messages = 5_000_000
        let batchSize = 100
        let broker = Broker(clock: MonotonicClock())
        guard let queue = try? broker.createQueue("bench") else { return .nothing }
        let batch = Array(repeating: QueueMessage(value: [UInt8](repeating: 0x5a, count: 100)), count: batchSize)
        var deliveries: [Delivery] = []
        var acked = 0
        let timing = measure {
            for _ in 0..<(messages / batchSize) {
                _ = queue.enqueue(contentsOf: batch)
                queue.receive(consumer: "worker", max: batchSize, into: &deliveries)
                acked += (try? queue.ack(deliveries)) ?? 0
            }
        }
        let latency = queue.snapshot().latency
        return BenchResult(ops: acked, timing: timing, extra: [
            ("batch", Double(batchSize)), ("p50_ns", Double(latency.p50 ?? 0)), ("p99_ns", Double(latency.p99 ?? 0)),
        ])
    }
}
