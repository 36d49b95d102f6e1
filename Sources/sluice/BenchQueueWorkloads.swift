import Broker
import SluiceModel

/// Work-queue workloads.
extension BenchWorkload {
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
