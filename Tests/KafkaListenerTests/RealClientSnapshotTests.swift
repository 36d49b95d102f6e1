import Broker
import Foundation
import KafkaListener
import SluiceModel
import Testing

/// A real confluent-kafka consumer in its own process joins a group on the listener; the broker's snapshot
/// (what the dashboard draws) must show its group, member, assignment, committed offsets and lag as the
/// client itself reports them.
@Suite(.serialized) struct RealClientSnapshotTests {
    struct Served {
        let broker = Broker(clock: EpochClock())
        let listener: KafkaListener
        let backend: ListenerBackend
        init() throws {
            listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
            backend = ListenerBackend(broker: broker, listener: listener)
        }
        var bootstrap: String { "127.0.0.1:\(listener.port)" }
    }

    static func clientGroup(_ snapshot: SystemSnapshot, _ name: String) -> GroupSnapshot? {
        snapshot.groups.first { $0.id == GroupID(name) && $0.members.contains { $0.clientId != nil } }
    }

    @Test(.timeLimit(.minutes(2)))
    func theSnapshotShowsARealMembersGroupAssignmentCommitsAndLagAsTheClientReportsThem() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let clientId = "snapshot-check-\(UInt32.random(in: 0...UInt32.max))"
        let client = try ClientDriver(bootstrap: served.bootstrap, topic: "orders", group: "billing", clientId: clientId)
        defer { client.close() }
        #expect(try client.send("produce 120") == "produced 120")
        #expect(try client.wait(for: 120) == 120)
        _ = try client.state("commit")
        // Records the member has not read yet: they are its lag, by its own count and by the broker's.
        #expect(try client.send("produce 30") == "produced 30")
        let reported = try client.state()
        #expect(reported.assignment == [0, 1, 2])

        let snapshot = served.backend.snapshot()
        let group = try #require(Self.clientGroup(snapshot, "billing"), "\(snapshot.groups.map(\.id))")
        let member = try #require(group.members.first)
        #expect(group.members.count == 1)
        #expect(member.id == reported.member_id)
        #expect(member.clientId == clientId)
        #expect(member.clientHost == "/127.0.0.1")
        #expect(member.assigned.map(\.partition) == reported.assignment.map(Int.init))
        #expect(group.strategy == "range" || group.strategy == "roundrobin" || group.strategy == "cooperative-sticky")
        for partition in group.partitions {
            #expect(partition.committedOffset == reported.committed["\(partition.partition)"], "p\(partition.partition)")
            #expect(partition.logEndOffset == reported.high["\(partition.partition)"], "p\(partition.partition)")
            #expect(partition.owner == member.id)
        }
        #expect(group.totalLag == reported.lag)
        #expect(group.totalLag == 30)
        #expect(member.counters.delivered >= 120, "the records its fetches were handed")
        #expect(snapshot.topics.contains { $0.name == "orders" })
        // The producer is idempotent (confluent-kafka's enable.idempotence): the dashboard can name it.
        #expect(snapshot.producers.contains { $0.name.hasPrefix(clientId + "-producer (producer id") && $0.target == "orders" })
        #expect(snapshot.events.contains { $0.kind == .rebalance && $0.text.contains(member.id) },
                "\(snapshot.events.map(\.text))")
    }

    @Test(.timeLimit(.minutes(2)))
    func aRealMembersConsumeRateShowsWhileItReads() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try ClientDriver(bootstrap: served.bootstrap, topic: "clicks", group: "rates", clientId: "rate-check")
        defer { client.close() }
        #expect(try client.send("produce 2000") == "produced 2000")
        #expect(try client.wait(for: 2000) == 2000)
        let group = try #require(Self.clientGroup(served.backend.snapshot(), "rates"))
        // The meter's window is five seconds: everything just read is in it.
        #expect(group.consumedPerSecond > 0)
        #expect(group.members.first?.processedPerSecond ?? 0 > 0)
        #expect(group.partitions.map(\.position).reduce(0, +) == 2000, "positions follow the fetches")
    }
}

extension RealClientSnapshotTests {
    /// A Kafka group is a name with subscriptions: one consumer reading two topics is one group on the dashboard,
    /// its lag counted per topic as the client itself counts it.
    @Test(.timeLimit(.minutes(2)))
    func aGroupReadingTwoTopicsShowsOnceWithEachTopicsLag() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try ClientDriver(bootstrap: served.bootstrap, topic: "orders,payments", group: "ledger",
                                      clientId: "two-topics")
        defer { client.close() }
        #expect(try client.send("produce 40") == "produced 40")
        #expect(try client.wait(for: 80) == 80)
        _ = try client.state("commit")
        // Unread records on both topics: each is its topic's lag.
        #expect(try client.send("produce 7") == "produced 7")
        let reported = try client.state()
        #expect(reported.lag_by_topic == ["orders": 7, "payments": 7])

        let snapshot = served.backend.snapshot()
        let ledgers = snapshot.groups.filter { $0.name == "ledger" }
        #expect(ledgers.count == 1, "\(snapshot.groups.map(\.id))")
        let group = try #require(Self.clientGroup(snapshot, "ledger"))
        #expect(group.subscriptions == ["orders", "payments"])
        #expect(Dictionary(uniqueKeysWithValues: group.lagByTopic.map { ($0.topic, $0.lag) }) == reported.lag_by_topic)
        #expect(group.totalLag == reported.lag)
        let member = try #require(group.members.first)
        #expect(member.assigned.map { "\($0.topic)-\($0.partition)" } == reported.assigned_places)
        for partition in group.partitions {
            let place = "\(partition.topic)-\(partition.partition)"
            #expect(partition.committedOffset == reported.committed[place], "\(place)")
            #expect(partition.logEndOffset == reported.high[place], "\(place)")
        }
    }
}
