import Testing
import AttachNATS
import SluiceModel

/// The mapping from JetStream's figures to the seam, without a server.
struct JetStreamHistoryTests {
    static let second = NanosPerUnit.second
    static let epoch: Int64 = 1_700_000_000 * 1_000_000_000

    static func stream(last: UInt64, messages: UInt64) -> StreamFacts {
        StreamFacts(name: "ORDERS", subjects: ["orders.>"], messages: messages, bytes: messages * 10,
                    firstSequence: last - messages + 1, lastSequence: last, firstTimeEpoch: epoch - 5 * second,
                    lastTimeEpoch: epoch + 2 * second, maxMessages: 1000, maxAge: 0)
    }

    static func consumer(delivered: UInt64, pending: UInt64, ackPending: Int64) -> ConsumerFacts {
        ConsumerFacts(stream: "ORDERS", name: "billing", filterSubject: "orders.paid", maxDeliver: 4,
                      maxAckPending: 50, deliveredConsumerSequence: delivered, deliveredStreamSequence: delivered,
                      ackFloorConsumerSequence: 3, ackFloorStreamSequence: 3, numAckPending: ackPending,
                      numRedelivered: 2, numPending: pending)
    }

    @Test func ratesAreGrowthBetweenPolls() {
        var history = JetStreamHistory(epochAtStart: Self.epoch)
        history.record(JetStreamPoll(at: 0, streams: [Self.stream(last: 100, messages: 100)],
                                     consumers: [Self.consumer(delivered: 40, pending: 60, ackPending: 5)]))
        #expect(history.topics[0].producedPerSecond == 0)
        history.record(JetStreamPoll(at: 2 * Self.second, streams: [Self.stream(last: 130, messages: 130)],
                                     consumers: [Self.consumer(delivered: 50, pending: 80, ackPending: 7)]))
        #expect(history.topics[0].producedPerSecond == 15)
        #expect(history.groups[0].consumedPerSecond == 5)
        #expect(history.throughput.produced.samples == [0, 15])
        #expect(history.groups[0].lagHistory.samples == [60, 80])
    }

    @Test func lagIsNumPendingEvenWithAFilter() {
        var history = JetStreamHistory(epochAtStart: Self.epoch)
        // A filtered consumer: NumPending is not "last sequence minus delivered".
        history.record(JetStreamPoll(at: 0, streams: [Self.stream(last: 100, messages: 90)],
                                     consumers: [Self.consumer(delivered: 40, pending: 7, ackPending: 5)]))
        let group = history.groups[0]
        #expect(group.id.description == "ORDERS/billing")
        #expect(group.totalLag == 7)
        #expect(group.members[0].inFlight == 5)
        #expect(group.members[0].maxInFlight == 50)
        #expect(group.counters.redelivered == 2)
        #expect(group.details.contains(Detail("ack floor", "stream #3, consumer #3")))
        #expect(group.details.contains(Detail("delivered", "stream #40, consumer #40")))
    }

    /// The same duration text as everywhere else: an ack wait of 1.5 s is not "1s".
    @Test func durationsReadAsTheScenarioFilesWriteThem() {
        var consumer = Self.consumer(delivered: 1, pending: 0, ackPending: 0)
        consumer.ackWait = 1_500_000_000
        var stream = Self.stream(last: 10, messages: 10)
        stream.duplicateWindow = 120 * Self.second
        var history = JetStreamHistory(epochAtStart: Self.epoch)
        history.record(JetStreamPoll(at: 0, streams: [stream], consumers: [consumer]))
        #expect(history.groups[0].details.contains(Detail("ack wait", "1.5s")))
        #expect(history.topics[0].details.contains(Detail("dedupe window", "2m")))
    }

    @Test func streamOffsetsAndTimesLandOnTheRunClock() {
        var history = JetStreamHistory(epochAtStart: Self.epoch)
        history.record(JetStreamPoll(at: 0, streams: [Self.stream(last: 100, messages: 90)], consumers: []))
        let partition = history.topics[0].partitions[0]
        #expect(partition.logStartOffset == 11)
        #expect(partition.logEndOffset == 101)
        #expect(partition.retained == 90)
        #expect(partition.firstTimestamp == -5 * Self.second)
        #expect(partition.lastTimestamp == 2 * Self.second)
        #expect(history.topics[0].retention.maxMessages == 1000)
        #expect(history.topics[0].retention.maxAge == nil)
        #expect(history.topics[0].details.contains(Detail("last time", "2023-11-14T22:13:22Z")))
    }

    @Test func anEmptyStreamRetainsNothing() {
        var history = JetStreamHistory(epochAtStart: Self.epoch)
        history.record(JetStreamPoll(at: 0, streams: [StreamFacts(name: "EMPTY")], consumers: []))
        #expect(history.topics[0].partitions[0].retained == 0)
        #expect(history.topics[0].partitions[0].firstTimestamp == nil)
    }
}
