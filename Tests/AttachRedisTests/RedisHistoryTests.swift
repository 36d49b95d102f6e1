import Testing
import AttachRedis
import SluiceModel

/// How polls become topics, groups and queues, without a server: offsets, lag, rates and dead letters.
struct RedisHistoryTests {
    static let second = NanosPerUnit.second
    static let epoch: Int64 = 1_700_000_000_000 * 1_000_000

    static func poll(at: Nanos, added: Int64, length: Int64, read: Int64?, lag: Int64?, pending: Int64,
                     letters: Int64 = 0) -> RedisPoll {
        var streams = [RedisStreamFacts(name: "orders", length: length, groupCount: 1, entriesAdded: added,
                                        firstEntryID: RedisEntryID(milliseconds: 1_700_000_000_000),
                                        lastEntryID: RedisEntryID(milliseconds: 1_700_000_000_500))]
        if letters > 0 { streams.append(RedisStreamFacts(name: "orders:dlq", length: letters, entriesAdded: letters)) }
        let entries = [RedisPendingEntry(id: RedisEntryID(milliseconds: 1_700_000_000_100), consumer: "w1", idleMillis: 9000,
                                         deliveries: 3, offset: 12),
                       RedisPendingEntry(id: RedisEntryID(milliseconds: 1_700_000_000_200), consumer: "w1", idleMillis: 100,
                                         deliveries: 1)]
        let group = RedisGroupFacts(stream: "orders", name: "billing", consumerCount: 2, pending: pending,
                                    entriesRead: read, lag: lag,
                                    consumers: [RedisConsumerFacts(name: "w1", pending: pending, idleMillis: 100),
                                                RedisConsumerFacts(name: "w2", idleMillis: 60_000)],
                                    pendingEntries: entries)
        return RedisPoll(at: at, streams: streams, groups: [group])
    }

    @Test func offsetsAndLagFollowRedisCounts() throws {
        var history = RedisHistory(epochAtStart: Self.epoch)
        history.record(Self.poll(at: 0, added: 120, length: 100, read: 50, lag: 70, pending: 4))
        let partition = try #require(history.topics.first?.partitions.first)
        #expect(partition.logStartOffset == 20 && partition.logEndOffset == 120 && partition.retained == 100)
        #expect(partition.firstTimestamp == 0 && partition.lastTimestamp == 500 * NanosPerUnit.millisecond)
        let group = try #require(history.groups.first)
        #expect(group.id.description == "orders/billing")
        #expect(group.totalLag == 70)
        #expect(group.members.map(\.id) == ["w1", "w2"])
        #expect(group.members.map(\.inFlight) == [4, 0])
        // The entry delivered three times is w1's stuck record, at the offset the reader found.
        #expect(group.members[0].stuck == StuckRecord(partition: PartitionRef(topic: "orders", partition: 0), offset: 12, attempt: 3,
                                                      lastError: "entry 1700000000100-0, pending 9s; skipping moves it to the dead-letter stream"))
        #expect(group.counters.redelivered == 1)
        let queue = try #require(history.queues.first { $0.name == "orders/billing" })
        #expect(queue.inFlight == 4 && queue.waiting == 70)
        #expect(queue.oldestUnackedAge == 9 * Self.second)
        #expect(queue.attemptsHistogram == [1, 0, 1])
    }

    @Test func ratesComeFromSuccessivePolls() throws {
        var history = RedisHistory(epochAtStart: Self.epoch)
        history.record(Self.poll(at: 0, added: 100, length: 100, read: 40, lag: 60, pending: 4))
        history.record(Self.poll(at: 2 * Self.second, added: 130, length: 100, read: 60, lag: 70, pending: 6))
        let topic = try #require(history.topics.first)
        #expect(topic.producedPerSecond == 15)
        #expect(history.groups.first?.consumedPerSecond == 10)
        // 20 read, 2 more pending: 18 acknowledged over 2 s.
        #expect(history.queues.first { $0.name == "orders/billing" }?.ackedPerSecond == 9)
        #expect(history.throughput.producedPerSecond == 15 && history.throughput.produced.samples == [0, 15])
        #expect(history.groups.first?.lagHistory.samples == [60, 70])
        // Length held at 100 while 30 were added and 30 went: a MAXLEN cap, as far as one can tell.
        #expect(topic.retention.maxMessages == 100)
    }

    @Test func unknownLagIsCountedOrSaidToBeUnknown() throws {
        var history = RedisHistory(epochAtStart: Self.epoch)
        var poll = Self.poll(at: 0, added: 100, length: 100, read: nil, lag: nil, pending: 0)
        poll.groups[0].countedLag = RedisGroupFacts.CountedLag(count: 1000, atLeast: true)
        history.record(poll)
        let group = try #require(history.groups.first)
        #expect(group.totalLag == 1000)
        #expect(group.details.first { $0.label == "lag" }?.value.hasPrefix("at least 1000") == true)
    }

    @Test func deadLetterStreamsBecomeQueuesOfTheirSource() throws {
        var history = RedisHistory(epochAtStart: Self.epoch)
        history.record(Self.poll(at: 0, added: 10, length: 10, read: 10, lag: 0, pending: 0, letters: 2))
        history.record(Self.poll(at: Self.second, added: 10, length: 10, read: 10, lag: 0, pending: 0, letters: 5))
        #expect(history.topics.map(\.name) == ["orders"])
        let dlq = try #require(history.queues.first { $0.name == "orders:dlq" })
        #expect(dlq.deadLetterOf == ["orders"] && dlq.waiting == 5 && dlq.enqueuedPerSecond == 3)
        #expect(history.queues.first { $0.name == "orders/billing" }?.deadLetterQueue == "orders:dlq")
    }

    @Test func theTextReportEscapesWhatTheServerSent() {
        var history = RedisHistory(epochAtStart: Self.epoch)
        var poll = Self.poll(at: 0, added: 10, length: 10, read: 10, lag: 0, pending: 0)
        poll.streams[0].name = "evil\u{1b}[2J"
        poll.groups[0].stream = "evil\u{1b}[2J"
        history.record(poll)
        let snapshot = SystemSnapshot(source: SourceInfo(engine: "Redis Streams", name: "redis://h:6379"),
                                      clock: ClockInfo(now: 0), topics: history.topics, groups: history.groups,
                                      queues: history.queues, capabilities: RedisCapabilities.make(readOnly: true))
        let report = RedisAttachReport.render(snapshot)
        #expect(!report.contains("\u{1b}"))
        #expect(report.contains("evil\\x1b[2J/billing"))
        #expect(report.contains("publish: attached with --read-only"))
        #expect(report.contains("pauseResume: Redis cannot pause a consumer"))
    }
}
