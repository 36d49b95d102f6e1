public import SluiceModel

/// Realistic, deterministic snapshots without a simulation: for the render benchmark, for tests
/// and for trying the screen by hand. The numbers move with `second` and follow the seed.
public struct SnapshotFixture: Sendable {
    public var seed: UInt64
    public var topic: String
    public var partitions: Int
    public var groups: [String]
    /// Members across all groups, spread as evenly as possible.
    public var members: Int
    public var withLesson: Bool

    /// The checkout demo's shape: `orders` with 6 partitions read by billing, inventory and analytics,
    /// and an `emails` work queue with its DLQ.
    public static func checkout(seed: UInt64 = 42) -> SnapshotFixture {
        SnapshotFixture(seed: seed, topic: "orders", partitions: 6, groups: ["billing", "inventory", "analytics"],
                        members: 6, withLesson: false)
    }

    /// The benchmark's shape: 64 partitions and 16 members, or as many as asked for.
    public static func large(seed: UInt64 = 7, partitions: Int = 64, members: Int = 16) -> SnapshotFixture {
        SnapshotFixture(seed: seed, topic: "orders", partitions: partitions, groups: ["billing", "inventory", "analytics", "search"],
                        members: members, withLesson: false)
    }

    public init(seed: UInt64, topic: String, partitions: Int, groups: [String], members: Int, withLesson: Bool) {
        self.seed = seed; self.topic = topic; self.partitions = partitions; self.groups = groups
        self.members = members; self.withLesson = withLesson
    }

    /// The system `second` seconds into the run; `inspecting` adds an inspection of the `emails` queue.
    public func snapshot(at second: Int, inspecting: Bool = false) -> SystemSnapshot {
        var random = SeededGenerator(seed: seed)
        let now = Nanos(second) * NanosPerUnit.second
        let history = 60
        let baseRate = 40.0 + Double(random.nextIndex(below: 40))
        let partitionRates = (0..<partitions).map { index in baseRate * (index == 2 ? 2.5 : 0.8 + random.nextUnit() * 0.4) }
        let partitionSnapshots = (0..<partitions).map { index -> PartitionSnapshot in
            let end = Int64(partitionRates[index] * Double(second + 120))
            let start = max(0, end - 5_000)
            return PartitionSnapshot(index: index, logStartOffset: start, logEndOffset: end, bytes: (end - start) * 180,
                                     producedPerSecond: partitionRates[index], firstTimestamp: 0, lastTimestamp: now)
        }
        let topicSnapshot = TopicSnapshot(name: topic, partitions: partitionSnapshots,
                                          retention: RetentionInfo(maxMessages: 5_000), counters: Counters(),
                                          producedPerSecond: partitionRates.reduce(0, +))
        var instances: [InstanceSnapshot] = []
        var groupSnapshots: [GroupSnapshot] = []
        let perGroup = Swift.max(1, members / Swift.max(1, groups.count))
        for (groupIndex, name) in groups.enumerated() {
            let memberCount = perGroup + (groupIndex < members % Swift.max(1, groups.count) ? 1 : 0)
            // The first group is slow: its lag grows; the others keep up.
            let behind = groupIndex == 0 ? Int64(second * 3 + 200) : Int64(random.nextIndex(below: 20))
            let groupPartitions = partitionSnapshots.map { p in
                GroupPartitionSnapshot(topic: topic, partition: p.index, committedOffset: Swift.max(p.logStartOffset, p.logEndOffset - behind - Int64(p.index * 7)),
                                       position: p.logEndOffset - behind / 2, logEndOffset: p.logEndOffset,
                                       owner: "\(name)/\(p.index % memberCount + 1)")
            }
            var memberSnapshots: [MemberSnapshot] = []
            for m in 0..<memberCount {
                let id = "\(name)/\(m + 1)"
                let crashed = groupIndex == 1 && m == memberCount - 1 && memberCount > 1
                let paused = groupIndex == 2 && m == 0
                let state: InstanceSnapshot.State = crashed ? .crashed : paused ? .paused : .running
                let rate = crashed || paused ? 0 : baseRate * Double(partitions) / Double(memberCount) * (groupIndex == 0 ? 0.7 : 1)
                instances.append(InstanceSnapshot(id: id, consumer: name, source: .group(GroupID(name, stream: topic)), state: state,
                                                  busy: crashed ? 0 : random.nextIndex(below: 17), concurrency: 16,
                                                  processed: Int64(rate) * Int64(second), failed: Int64(second / 7),
                                                  processedPerSecond: rate))
                guard !crashed else { continue }
                let assigned = (0..<partitions).filter { $0 % memberCount == m }.map { PartitionRef(topic: topic, partition: $0) }
                memberSnapshots.append(MemberSnapshot(id: id, assigned: assigned, paused: paused,
                                                      processedPerSecond: rate, errorRate: groupIndex == 0 ? 0.02 : 0,
                                                      inFlight: groupIndex == 0 ? 15 : random.nextIndex(below: 8), maxInFlight: 16))
            }
            let lag = groupPartitions.reduce(Int64(0)) { $0 + $1.lag }
            let lagHistory = (0..<history).map { i in
                Swift.max(0, Double(lag) - Double(history - 1 - i) * (groupIndex == 0 ? 3 : -1) * Double(partitions))
            }
            groupSnapshots.append(GroupSnapshot(id: GroupID(name, stream: topic), subscriptions: [topic], generation: 3 + groupIndex, members: memberSnapshots,
                                                partitions: groupPartitions, consumedPerSecond: baseRate * Double(partitions),
                                                lagHistory: Series(lagHistory)))
        }
        instances += (1...2).map { i in
            InstanceSnapshot(id: "email-sender/\(i)", consumer: "email-sender", source: .queue("emails"), state: .running,
                             busy: 3 + i, concurrency: 8, processed: Int64(second * 9), failed: Int64(second), processedPerSecond: 9)
        }
        let wave = { (i: Int, period: Double) -> Double in
            let x = Double(i % Int(period)) / period
            return x < 0.5 ? x * 2 : (1 - x) * 2
        }
        let produced = (0..<history).map { i in topicSnapshot.producedPerSecond * (0.8 + 0.4 * wave(second + i, 17)) }
        let consumed = (0..<history).map { i in topicSnapshot.producedPerSecond * (0.7 + 0.3 * wave(second + i + 5, 23)) }
        let retries = (0..<history).map { i in 6 * wave(second + i, 11) + Double((second + i) % 3) }
        let dlqDepth = second / 4 + 3
        let deadLetters = (0..<Swift.min(8, dlqDepth)).map { i in
            DeadLetterInfo(messageId: "email-\(1000 + dlqDepth - i)", key: "customer-\(i * 7)",
                           reason: i % 3 == 0 ? "provider timeout after 5 attempts" : "invalid address\u{1b}[31m",
                           deliveryCount: 5, source: "emails", at: now - Nanos(i) * 4 * NanosPerUnit.second)
        }
        let emails = QueueSnapshot(name: "emails", waiting: 40 + second % 30, delayed: 12, inFlight: 7, capacity: 200,
                                   overflow: .rejectNew, maxDeliveries: 5, deadLetterQueue: "emails.dlq",
                                   oldestWaitingAge: Nanos(8 + second % 20) * NanosPerUnit.second,
                                   attemptsHistogram: [Int64(second * 8), Int64(second * 2), Int64(second), 9, 4, 2, 1],
                                   consumers: [QueueConsumerSnapshot(id: "email-sender/1", inFlight: 4, maxInFlight: 8),
                                               QueueConsumerSnapshot(id: "email-sender/2", inFlight: 5, maxInFlight: 8)],
                                   depthHistory: Series((0..<history).map { i in 40 + 20 * wave(second + i, 13) }),
                                   recentDeadLetters: deadLetters, enqueuedPerSecond: 12, ackedPerSecond: 10,
                                   redeliveredPerSecond: 2)
        var dlqCounters = Counters()
        dlqCounters.rejected = 0
        let dlq = QueueSnapshot(name: "emails.dlq", waiting: dlqDepth, deadLetterOf: ["emails"], counters: dlqCounters,
                                oldestWaitingAge: Nanos(second) * NanosPerUnit.second,
                                depthHistory: Series((0..<history).map { i in Double(Swift.max(0, (second - history + i) / 4 + 3)) }))
        let events = (0..<Swift.min(40, second + 5)).map { i -> EventLogEntry in
            let at = now - Nanos(i) * 2 * NanosPerUnit.second
            switch i % 5 {
            case 0: return EventLogEntry(at: at, kind: .deadLetter, text: "email-\(1000 + i) dead-lettered: provider timeout",
                                         correlationId: "email-\(1000 + i)")
            case 1: return EventLogEntry(at: at, kind: .rebalance, text: "\(topic)/\(groups.first ?? "g") rebalanced, generation \(3 + i)")
            case 2: return EventLogEntry(at: at, kind: .breaker, text: "breaker email-provider opened")
            case 3: return EventLogEntry(at: at, kind: .crash, text: "\(groups.last ?? "g")/1 crashed", correlationId: "order-\(500 + i)")
            default: return EventLogEntry(at: at, kind: .publish, text: "published order-\(600 + i)", correlationId: "order-\(600 + i)")
            }
        }.reversed()
        let lesson = withLesson ? LessonSnapshot(title: "Slow consumers", stepIndex: 1, stepCount: 4,
                                                 text: "Billing processes more slowly than orders arrive.\nWatch its lag grow, then add an instance with +.",
                                                 teaches: "A group slower than its producers falls behind at the difference of the rates.",
                                                 reached: 2, condition: "when final_lag > 500", firedAt: now - 5 * NanosPerUnit.second)
            : nil
        return SystemSnapshot(
            source: SourceInfo(engine: "simulation", name: "checkout-demo", description: "fixture", seed: seed),
            clock: ClockInfo(now: now, speed: 1, paused: false),
            topics: [topicSnapshot], groups: groupSnapshots, queues: [emails, dlq], instances: instances,
            breakers: [BreakerSnapshot(name: "email-provider", state: second % 40 < 10 ? .open : .closed,
                                       failureRate: 0.12, rejectedCalls: Int64(second), downstreamUp: second % 40 >= 10)],
            throughput: ThroughputSnapshot(producedPerSecond: produced.last ?? 0, consumedPerSecond: consumed.last ?? 0,
                                           produced: Series(produced), consumed: Series(consumed), retriesPerSecond: Series(retries)),
            events: Array(events), inspection: inspecting ? Self.inspection(now: now) : nil, lesson: lesson,
            producers: [ProducerSnapshot(name: "checkout", target: topic, ratePerSecond: topicSnapshot.producedPerSecond),
                        ProducerSnapshot(name: "notifier", target: "emails", ratePerSecond: 12)],
            downstreams: [DownstreamSnapshot(name: "email-provider", up: second % 40 >= 10)],
            lessonCatalog: Self.lessonCatalog)
    }

    /// A few lessons to list and open.
    static let lessonCatalog = [
        LessonEntry(name: "queue-vs-stream", title: "Queue vs stream", teaches: "A shared queue waits less than ten partitions."),
        LessonEntry(name: "slow-consumers", title: "Slow consumers", teaches: "Lag grows at the difference of the rates."),
        LessonEntry(name: "retries-and-dlq", title: "Retries, then the DLQ", teaches: "Attempts per message follow (1 - p^n) / (1 - p)."),
    ]

    /// A queue inspection with the awkward cases: JSON, an escape sequence, invalid UTF-8, CJK.
    static func inspection(now: Nanos) -> Inspection {
        let json = Array(#"{"order":17,"customer":"c-9","items":[{"sku":"A-1","qty":2}],"gift":false,"note":null}"#.utf8)
        return Inspection(target: .queue(name: "emails"), messages: [
            InspectedMessage(messageId: "email-1001", key: Array("customer-7".utf8),
                             headers: [Header("trace", Array("t-1".utf8))], value: json, timestamp: now - NanosPerUnit.second,
                             deliveryCount: 3, state: .inFlight,
                             history: [.enqueued(at: now - 9 * NanosPerUnit.second), .firstDelivered(at: now - 8 * NanosPerUnit.second),
                                       .delivered(times: 3, lastAt: now - NanosPerUnit.second),
                                       .inFlight(consumer: "email-sender/1", until: now + 29 * NanosPerUnit.second)]),
            InspectedMessage(messageId: "email-1002", key: [0x1B, 0x5B, 0x32, 0x4A], value: [0x68, 0x69, 0xFF, 0x9B, 0x0A],
                             timestamp: now, deliveryCount: 1, state: .waiting),
            InspectedMessage(messageId: "email-1003", key: Array("顧客-12".utf8), value: Array("ご注文ありがとう".utf8),
                             timestamp: now, deliveryCount: 5, state: .deadLettered,
                             history: [.deadLettered(source: "emails", sequence: 12, deliveries: 5, firstDelivery: now - 20 * NanosPerUnit.second,
                                                     lastDelivery: now - 2 * NanosPerUnit.second, at: now - NanosPerUnit.second,
                                                     reason: "max deliveries reached")]),
        ])
    }
}
