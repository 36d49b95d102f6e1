// # Broker: API overview
//
// An embedded broker with Kafka/JetStream-style streams and SQS/JetStream/RabbitMQ-style work queues.
// All time comes from an injected `BrokerClock`; every call reads it once and applies whatever became due
// by then (deadline expiry, delayed messages, age retention, rate-limited redrive), so the same calls at
// the same clock times give the same results. Safe to call from several threads (a lock per partition,
// group and queue). Handles (`Topic`, `ConsumerGroup`, `WorkQueue`) are cheap to keep; look them up once.
//
//     let clock = ManualClock()                        // tests/simulation; MonotonicClock() for live use
//     let broker = Broker(clock: clock, randomSeed: 42)
//
// Streams
//     let orders = try broker.createTopic("orders", partitions: 3,
//                                         retention: Retention(maxMessages: 10_000, discard: .old))
//     try orders.produce(ProducerRecord(key: Array("k".utf8), value: bytes, messageId: "m-1"))
//         // -> AppendOutcome: .appended(partition:offset:) or .duplicate(partition:offset:)
//     try orders.produce(contentsOf: records)           // batch -> AppendSummary (hot path)
//     let billing = try broker.createGroup("billing", topic: "orders", strategy: .range, start: .earliest)
//     billing.join(member: "billing/0")                 // rebalance; returns the new generation
//     let batch = try billing.poll(member: "billing/0", max: 100)   // RecordBatch of StoredRecord
//     try billing.commit(batch)                         // or commit(member:) / commit(member:partition:offset:)
//     try billing.pause(member: "billing/0", partition: 1); try billing.resume(member: nil)
//     try billing.seek(partition: nil, to: .time(t))    // replay; returns records handed out again
//     try billing.replayCount(partition: nil, to: .earliest)
//     try orders.read(partition: 0, from: 0, max: 50)   // inspector / replay view
//
// Work queues
//     let jobs = try broker.createQueue("jobs", config: QueueConfig(
//         ackDeadline: 30 * NanosPerUnit.second, maxDeliveries: 5, deadLetterQueue: "jobs.dlq",
//         retry: .exponential(initial: 100 * NanosPerUnit.millisecond, multiplier: 2,
//                             max: 10 * NanosPerUnit.second, jitter: .full),
//         capacity: 1_000, overflow: .rejectNew))
//     try jobs.enqueue(QueueMessage(value: bytes, messageId: "j-1", delay: 5 * NanosPerUnit.second))
//         // -> EnqueueOutcome: .enqueued / .enqueuedDroppingOldest / .duplicate / .blocked; reject throws
//     let deliveries = try jobs.receive(consumer: "worker/0", max: 10)   // [Delivery], each has .receipt
//     try jobs.ack(d.receipt); try jobs.nack(d.receipt, delay: nil)
//     try jobs.inProgress(d.receipt); try jobs.terminate(d.receipt, reason: "bad payload")
//     try broker.queue("jobs.dlq").redrive(perSecond: 10)   // nil rate: all at once
//     jobs.messages(limit: 100)                            // [QueueMessageInfo] with state, delivery count
//
// Time and observation
//     broker.nextDeadline()     // Nanos? when something becomes due: schedule a wake-up, then processDue()
//     broker.processDue()       // apply everything due at the clock's current time, everywhere
//     broker.snapshot()         // BrokerSnapshot: [TopicSnapshot], [GroupSnapshot], [QueueSnapshot], totals
//     try broker.inspect(.queue(name: "jobs"))           // SluiceModel.Inspection
//     broker.drainEvents()      // [EventLogEntry]: rebalances, dead letters, redrives, since the last drain
