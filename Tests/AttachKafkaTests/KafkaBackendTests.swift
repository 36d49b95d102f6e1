#if Kafka
import AttachKafka
import Foundation
import SluiceModel
import Testing
import AttachSupport

/// Each test runs its own librdkafka mock cluster and compares the backend's snapshot with what the cluster
/// reports to a separate plain client. The mock answers neither ListGroups nor DescribeGroups, so groups
/// are named (`--group`); members are tested against Sluice's own listener (ListenerAttachTests).
@Suite(.serialized)
struct KafkaBackendTests {
    static let second = NanosPerUnit.second

    @Test func watermarksAndLeadersMatchTheCluster() throws {
        try MockKafkaCluster.with(brokers: 3) { cluster in
            cluster.createTopic("orders", partitions: 3)
            for partition: Int32 in 0..<3 { cluster.setLeader("orders", partition, broker: 3 - partition) }
            let client = try TestKafkaClient(bootstraps: cluster.bootstraps)
            var random = SeededGenerator(seed: 13)
            for partition: Int32 in 0..<3 {
                for index in 0..<(1 + Int(random.next() % 12)) { try client.produce("orders", partition: partition, value: "r\(index)") }
            }
            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: cluster.url))
            let snapshot = backend.snapshot()
            let topic = try #require(snapshot.topics.first { $0.name == "orders" })
            let leaders = try client.leaders("orders")
            #expect(topic.partitions.count == 3)
            for partition in topic.partitions {
                let (low, high) = try client.watermarks("orders", Int32(partition.index))
                #expect(high > 0)
                #expect(partition.logStartOffset == low)
                #expect(partition.logEndOffset == high)
                let leader = try #require(leaders[partition.index])
                #expect(topic.details.first { $0.label == "p\(partition.index)" }?.value.contains("leader \(leader),") == true)
            }
            #expect(snapshot.connectionProblem == nil)
            #expect(snapshot.source.description.contains("3 brokers"))
        }
    }

    @Test func produceRatesComeFromEndOffsetDeltasBetweenPolls() throws {
        try MockKafkaCluster.with(brokers: 1) { cluster in
            cluster.createTopic("clicks", partitions: 2)
            let client = try TestKafkaClient(bootstraps: cluster.bootstraps)
            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: cluster.url, pollInterval: Self.second))
            for index in 0..<6 { try client.produce("clicks", partition: 0, value: "c\(index)") }
            for index in 0..<4 { try client.produce("clicks", partition: 1, value: "c\(index)") }
            // Half an interval does not poll; the second half does, one second of run time after the first poll.
            backend.advance(wallNanos: Self.second / 2)
            #expect(backend.snapshot().topics.first?.producedPerSecond == 0)
            backend.advance(wallNanos: Self.second / 2)
            let topic = try #require(backend.snapshot().topics.first { $0.name == "clicks" })
            #expect(topic.partitions.map(\.producedPerSecond) == [6, 4])
            #expect(topic.producedPerSecond == 10)
            #expect(backend.snapshot().throughput.producedPerSecond == 10)
        }
    }

    @Test func aGroupsCommittedOffsetsLagAndConsumeRateMatchTheCluster() throws {
        try MockKafkaCluster.with(brokers: 1) { cluster in
            cluster.createTopic("orders", partitions: 2)
            let producer = try TestKafkaClient(bootstraps: cluster.bootstraps)
            for index in 0..<20 { try producer.produce("orders", partition: Int32(index % 2), value: "o\(index)") }
            let member = try TestKafkaClient(bootstraps: cluster.bootstraps, consumerGroup: "billing", clientID: "billing-1")
            member.subscribe("orders")
            #expect(member.consumeAndCommit(7) == 7)
            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: cluster.url, pollInterval: Self.second,
                                                                           groups: ["billing"]))
            let committed = member.committed("orders", partitions: [0, 1])
            let group = try #require(backend.snapshot().groups.first { $0.id == GroupID("billing") })
            var expectedLag: Int64 = 0
            for partition in group.partitions {
                let high = try producer.watermarks("orders", Int32(partition.partition)).high
                let offset = try #require(committed[partition.partition])
                #expect(partition.committedOffset == offset)
                #expect(partition.logEndOffset == high)
                #expect(partition.lag == high - offset)
                expectedLag += high - offset
            }
            #expect(group.totalLag == expectedLag && expectedLag == 13)
            #expect(group.details.first { $0.label == "members" }?.value.contains("does not list or describe groups") == true)

            // Five more committed in the next second: a consume rate of 5 per second, and lag falls by 5.
            #expect(member.consumeAndCommit(5) == 5)
            backend.advance(wallNanos: Self.second)
            let later = try #require(backend.snapshot().groups.first { $0.id == GroupID("billing") })
            #expect(later.consumedPerSecond == 5)
            #expect(later.totalLag == 8)
            #expect(later.lagHistory.samples == [13, 8])
        }
    }

    @Test func resettingOffsetsMovesTheGroupAsTheConfirmationCounted() throws {
        try MockKafkaCluster.with(brokers: 1) { cluster in
            cluster.createTopic("orders", partitions: 2)
            let producer = try TestKafkaClient(bootstraps: cluster.bootstraps)
            for index in 0..<16 { try producer.produce("orders", partition: Int32(index % 2), value: "o\(index)") }
            // A group without members (the mock keeps a subscriber's membership past its LeaveGroup).
            let reader = try TestKafkaClient(bootstraps: cluster.bootstraps, consumerGroup: "audit")
            var random = SeededGenerator(seed: 7)
            reader.commit("orders", [0: Int64(1 + random.next() % 7), 1: Int64(1 + random.next() % 7)])
            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: cluster.url, groups: ["audit"]))
            let before = reader.committed("orders", partitions: [0, 1])
            #expect(before[0] ?? 0 > 0 && before[1] ?? 0 > 0)

            // To earliest: every committed record is consumed again.
            let again = try #require(backend.seekCount(group: GroupID("audit"), partition: nil, to: .earliest))
            #expect(again == SeekCount(again: (before[0] ?? 0) + (before[1] ?? 0)))
            let reset = backend.send(.seek(group: GroupID("audit"), partition: nil, to: .earliest))
            guard case .done(let text) = reset else { Issue.record("the reset failed: \(reset)"); return }
            #expect(text.contains(again.description))
            #expect(reader.committed("orders", partitions: [0, 1]) == [0: 0, 1: 0])
            #expect(backend.snapshot().groups.first { $0.id == GroupID("audit") }?.totalLag == 16)

            // One partition to an offset: only it moves.
            #expect(backend.seekCount(group: GroupID("audit"), partition: PartitionRef(topic: "orders", partition: 1), to: .offset(5)) == SeekCount(skipped: 5))
            #expect(backend.send(.seek(group: GroupID("audit"), partition: PartitionRef(topic: "orders", partition: 1), to: .offset(5))) != .failed(""))
            #expect(reader.committed("orders", partitions: [0, 1]) == [0: 0, 1: 5])
            // Latest: everything is skipped, lag 0.
            _ = backend.send(.seek(group: GroupID("audit"), partition: nil, to: .latest))
            #expect(reader.committed("orders", partitions: [0, 1]) == [0: 8, 1: 8])
            #expect(backend.snapshot().groups.first { $0.id == GroupID("audit") }?.totalLag == 0)
        }
    }

    @Test func publishThenBrowseShowsTheRecordAsSent() throws {
        try MockKafkaCluster.with(brokers: 1) { cluster in
            cluster.createTopic("events", partitions: 1)
            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: cluster.url))
            let value = Array("{\"id\": 7, \"bell\": \"\u{07}\"}".utf8)
            let outcome = backend.send(.publish(target: "events", key: "k-7", value: value,
                                                headers: [Header("trace", Array("abc".utf8))], messageId: nil))
            guard case .done(let text) = outcome else { Issue.record("publish failed: \(outcome)"); return }
            #expect(text == "published to events: partition 0, offset 0")
            backend.advance(wallNanos: Self.second)
            let browse = backend.send(.inspect(.partition(topic: "events", partition: 0, fromOffset: 0)))
            guard case .done = browse else { Issue.record("browse failed: \(browse)"); return }
            let inspection = try #require(backend.snapshot().inspection)
            let record = try #require(inspection.messages.first)
            #expect(inspection.total == 1)
            #expect(record.offset == 0 && record.key == Array("k-7".utf8) && record.value == value)
            #expect(record.headers == [Header("trace", Array("abc".utf8))])
        }
    }

    @Test func redriveCopiesEveryDeadLetterBackAtTheChosenRate() throws {
        try MockKafkaCluster.with(brokers: 1) { cluster in
            cluster.createTopic("payments", partitions: 2)
            cluster.createTopic("payments.dlq", partitions: 1)
            let producer = try TestKafkaClient(bootstraps: cluster.bootstraps)
            let letters = (0..<6).map { "letter \($0)" }
            for letter in letters { try producer.produce("payments.dlq", partition: 0, key: letter, value: letter) }
            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: cluster.url))
            let queue = try #require(backend.snapshot().queues.first { $0.name == "payments.dlq" })
            #expect(queue.deadLetterOf == ["payments"] && queue.depth == 6)

            let started = backend.send(.redrive(deadLetterQueue: "payments.dlq", perSecond: 2))
            guard case .done = started else { Issue.record("redrive did not start: \(started)"); return }
            // Advance 100 ms at a time: never more copied than the rate allows (one banked to start).
            var elapsed: Nanos = 0
            let finished = eventually(seconds: 30) {
                backend.advance(wallNanos: Self.second / 10)
                elapsed += Self.second / 10
                if let progress = backend.redriveProgress {
                    #expect(Double(progress.copied) <= 1 + 2 * Double(elapsed) / Double(Self.second))
                    return false
                }
                return true
            }
            #expect(finished)
            #expect(elapsed >= 5 * Self.second / 2)
            let landed = try (0..<2).reduce(Int64(0)) { $0 + (try producer.watermarks("payments", $1)).high }
            #expect(landed == 6)
            #expect(backend.snapshot().events.contains { $0.kind == .redrive && $0.text.contains("6 of 6 records") })
        }
    }

    @Test func anUnreachableClusterIsAProblemOnTheHeaderNotAFreeze() throws {
        try MockKafkaCluster.with(brokers: 1) { cluster in
            cluster.createTopic("orders", partitions: 1)
            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: cluster.url, pollInterval: Self.second,
                                                                           requestTimeoutMillis: 500))
            cluster.setBrokersUp(false)
            let started = Date()
            backend.advance(wallNanos: Self.second)
            // Every call waits at most its timeout: one poll is a few of them, never a hang.
            #expect(Date().timeIntervalSince(started) < 6)
            let problem = try #require(backend.snapshot().connectionProblem)
            #expect(problem.contains("cannot reach \(cluster.url)"))
            #expect(backend.snapshot().topics.first?.name == "orders", "the last figures stay")
            cluster.setBrokersUp(true)
            #expect(eventually {
                backend.advance(wallNanos: Self.second)
                return backend.snapshot().connectionProblem == nil
            })
            #expect(backend.snapshot().events.contains { $0.text.hasPrefix("connected again") })
        }
    }

    @Test func attachingToNoClusterFailsWithTheReason() throws {
        let options = KafkaConnectionOptions(url: "kafka://127.0.0.1:1", requestTimeoutMillis: 500)
        #expect(throws: AttachError.self) { try KafkaBackend(options: options) }
        do {
            _ = try KafkaBackend(options: options)
        } catch {
            #expect(error.message.hasPrefix("could not attach to kafka://127.0.0.1:1: cannot reach"))
        }
    }

    @Test func readOnlyRefusesEveryChange() throws {
        try MockKafkaCluster.with(brokers: 1) { cluster in
            cluster.createTopic("orders", partitions: 1)
            let backend = try KafkaBackend(options: KafkaConnectionOptions(url: cluster.url, readOnly: true))
            #expect(backend.send(.publish(target: "orders", key: nil, value: [1], headers: [], messageId: nil))
                    == .failed("attached with --read-only"))
            #expect(backend.send(.pause(consumers: .group(GroupID("g")), member: nil)) == .failed(
                "Kafka cannot pause a remote consumer: only the consumer itself pauses its partitions"))
            let client = try TestKafkaClient(bootstraps: cluster.bootstraps)
            #expect(try client.watermarks("orders", 0).high == 0)
        }
    }
}
#endif
