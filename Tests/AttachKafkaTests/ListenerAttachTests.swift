#if Kafka
import AttachKafka
import AttachSupport
import Broker
import CRdKafka
import Dashboard
import Foundation
import KafkaListener
import SluiceModel
import Testing

/// Sluice attached to Sluice: the backend on the embedded broker's Kafka listener (what `sluice serve --kafka`
/// runs), which, unlike librdkafka's mock, lists and describes groups. Figures are compared with what the
/// member's own client reports.
@Suite(.serialized)
struct ListenerAttachTests {
    static let second = NanosPerUnit.second

    /// The embedded broker serving Kafka on a free loopback port, and the address to bootstrap from.
    static func listening() throws -> (listener: KafkaListener, bootstraps: String) {
        let listener = try KafkaListener(broker: Broker(clock: MonotonicClock()), configuration: KafkaListenerConfiguration(port: 0))
        return (listener, "127.0.0.1:\(listener.port)")
    }

    @Test func membersAndTheirAssignmentThenAMemberLeaving() throws {
        let (listener, bootstraps) = try Self.listening()
        defer { listener.stop() }
        let producer = try TestKafkaClient(bootstraps: bootstraps)
        for index in 0..<30 { try producer.produce("orders", partition: RD_KAFKA_PARTITION_UA, key: "k\(index)", value: "o\(index)") }
        let member = try TestKafkaClient(bootstraps: bootstraps, consumerGroup: "billing", clientID: "billing-a")
        member.subscribe("orders")
        #expect(member.consumeAndCommit(12) == 12)
        #expect(member.serve(untilAssigned: true))
        let assigned = member.assignment().sorted()

        let backend = try KafkaBackend(options: KafkaConnectionOptions(url: "kafka://" + bootstraps, pollInterval: Self.second))
        let group = try #require(backend.snapshot().groups.first { $0.id == GroupID("billing") })
        #expect(detail("state", group) == "Stable")
        #expect(detail("members", group) == "1")
        #expect(detail("member billing-a", group)?.contains("assigned orders-") == true)
        let shown = try #require(group.members.first)
        #expect(shown.assigned.map(\.partition) == assigned)
        #expect(group.partitions.filter { $0.owner == shown.id }.map(\.partition) == assigned)
        let committed = member.committed("orders", partitions: assigned.map(Int32.init))
        for partition in group.partitions {
            let marks = try producer.watermarks("orders", Int32(partition.partition))
            // No commit yet (a negative offset) is shown from the log start.
            let offset = committed[partition.partition].flatMap { $0 >= 0 ? $0 : nil } ?? marks.low
            #expect(partition.committedOffset == offset)
            #expect(partition.logEndOffset == marks.high)
        }
        #expect(group.totalLag == 18)

        // Kafka refuses a reset while the group has members: unavailable on that group, with the member count, in
        // the snapshot (so r on the group's row says it before any form) and from the backend.
        let reason = "billing has 1 member; Kafka resets a group's offsets only while it is empty (stop its consumers first)"
        #expect(backend.snapshot().capabilities.availability(.seek, on: .group(GroupID("billing"))) == .unavailable(reason))
        #expect(backend.send(.seek(group: GroupID("billing"), partition: nil, to: .earliest)) == .failed(reason))
        var session = DashboardSession(backend: backend, state: DashboardState(themeNames: ["default"]))
        session.press([.tab, .char("g")])
        #expect(session.state.selectedItem(.groups, session.snapshot) == .group(.group(GroupID("billing"))))
        session.press(.char("r"))
        #expect(session.state.overlay == .none, "no replay form for a group Kafka will not reset")
        #expect(session.state.status?.text == "Replay: seek a group to earliest, latest, an offset or a time: unavailable on billing: "
                + reason)

        member.leave()
        #expect(eventually {
            backend.advance(wallNanos: Self.second)
            return backend.snapshot().groups.first { $0.id == GroupID("billing") }?.members.isEmpty == true
        })
        let empty = try #require(backend.snapshot().groups.first { $0.id == GroupID("billing") })
        #expect(detail("state", empty) == "Empty")
        #expect(backend.snapshot().capabilities.availability(.seek, on: .group(GroupID("billing"))) == .available)
        session.advance(wallNanos: 0)
        session.press(.char("r"))
        guard case .form(let form) = session.state.overlay else { Issue.record("r opens no form on the empty group"); return }
        #expect(form.value("group") == "billing")
        session.press(.escape)
        #expect(empty.totalLag == 18, "the commits stay after the member left")
        let reader = try TestKafkaClient(bootstraps: bootstraps, consumerGroup: "billing")
        let after = reader.committed("orders", partitions: empty.partitions.map { Int32($0.partition) })
        for partition in empty.partitions {
            let offset = try #require(after[partition.partition])
            #expect(offset < 0 || offset == partition.committedOffset)
        }
        guard case .done = backend.send(.seek(group: GroupID("billing"), partition: nil, to: .latest)) else {
            Issue.record("the reset of an empty group failed"); return
        }
        #expect(backend.snapshot().groups.first { $0.id == GroupID("billing") }?.totalLag == 0)
    }

    /// A Kafka group is a name with subscriptions: a member reading two topics is one group on the dashboard,
    /// with each topic's partitions and lag under it, as the cluster's own offsets count them.
    @Test func aGroupReadingTwoTopicsIsOneGroupWithEachTopicsLag() throws {
        let (listener, bootstraps) = try Self.listening()
        defer { listener.stop() }
        let producer = try TestKafkaClient(bootstraps: bootstraps)
        for index in 0..<20 { try producer.produce("orders", partition: RD_KAFKA_PARTITION_UA, key: "k\(index)", value: "o\(index)") }
        for index in 0..<12 { try producer.produce("payments", partition: RD_KAFKA_PARTITION_UA, key: "k\(index)", value: "p\(index)") }
        let member = try TestKafkaClient(bootstraps: bootstraps, consumerGroup: "ledger", clientID: "ledger-a")
        member.subscribe("orders", "payments")
        #expect(member.consumeAndCommit(32) == 32)
        for index in 0..<5 { try producer.produce("orders", partition: RD_KAFKA_PARTITION_UA, key: "k\(index)", value: "late\(index)") }
        for index in 0..<3 { try producer.produce("payments", partition: RD_KAFKA_PARTITION_UA, key: "k\(index)", value: "late\(index)") }
        #expect(member.serve(untilAssigned: true))

        let backend = try KafkaBackend(options: KafkaConnectionOptions(url: "kafka://" + bootstraps, pollInterval: Self.second))
        let ledgers = backend.snapshot().groups.filter { $0.name == "ledger" }
        #expect(ledgers.count == 1, "\(backend.snapshot().groups.map(\.id))")
        let group = try #require(ledgers.first)
        #expect(group.id == GroupID("ledger"))
        #expect(group.subscriptions == ["orders", "payments"])
        #expect(group.lagByTopic.map(\.topic) == ["orders", "payments"])
        #expect(group.lagByTopic.map(\.lag) == [5, 3])
        #expect(Set(group.members.flatMap(\.assigned).map(\.topic)) == ["orders", "payments"])
        for topic in ["orders", "payments"] {
            let committed = member.committed(topic, partitions: group.partitions.filter { $0.topic == topic }.map { Int32($0.partition) })
            for partition in group.partitions where partition.topic == topic {
                let marks = try producer.watermarks(topic, Int32(partition.partition))
                #expect(partition.committedOffset == committed[partition.partition].flatMap { $0 >= 0 ? $0 : nil } ?? marks.low)
                #expect(partition.logEndOffset == marks.high)
            }
        }
        // One reset moves the group on both topics.
        member.leave()
        #expect(eventually {
            backend.advance(wallNanos: Self.second)
            return backend.snapshot().groups.first { $0.id == GroupID("ledger") }?.members.isEmpty == true
        })
        #expect(backend.seekCount(group: GroupID("ledger"), partition: nil, to: .latest) == SeekCount(skipped: 8))
        guard case .done = backend.send(.seek(group: GroupID("ledger"), partition: nil, to: .latest)) else {
            Issue.record("the reset of the empty group failed"); return
        }
        #expect(backend.snapshot().groups.first { $0.id == GroupID("ledger") }?.lagByTopic.map(\.lag) == [0, 0])
    }

    @Test func saslPlainWithThePasswordFromTheEnvironment() throws {
        let broker = Broker(clock: MonotonicClock())
        let configuration = KafkaListenerConfiguration(port: 0, credentials: KafkaCredentials(user: "alice", password: "s3cret"))
        let listener = try KafkaListener(broker: broker, configuration: configuration)
        defer { listener.stop() }
        let url = "kafka://127.0.0.1:\(listener.port)"
        setenv("SLUICE_KAFKA_TEST_PASSWORD", "s3cret", 1)
        let password = try #require(EnvironmentSecret.value(of: "SLUICE_KAFKA_TEST_PASSWORD"))
        let backend = try KafkaBackend(options: KafkaConnectionOptions(url: url, saslMechanism: .plain, user: "alice",
                                                                       password: password))
        guard case .done = backend.send(.publish(target: "vault", key: nil, value: Array("v".utf8), headers: [], messageId: nil)) else {
            Issue.record("an authenticated publish failed"); return
        }
        #expect(try broker.topic("vault").partitionCount > 0)

        do {
            _ = try KafkaBackend(options: KafkaConnectionOptions(url: url, saslMechanism: .plain, user: "alice",
                                                                 password: "wrong", requestTimeoutMillis: 1000))
            Issue.record("a wrong password attached")
        } catch {
            #expect(error.message.contains("authentication failed"), "\(error.message)")
        }
    }

    @Test(arguments: [SASLMechanism.scramSHA256, .scramSHA512])
    func scramWithThePasswordFromTheEnvironment(mechanism: SASLMechanism) throws {
        let broker = Broker(clock: MonotonicClock())
        let configuration = KafkaListenerConfiguration(port: 0, credentials: KafkaCredentials(user: "alice", password: "s3cret"))
        let listener = try KafkaListener(broker: broker, configuration: configuration)
        defer { listener.stop() }
        let url = "kafka://127.0.0.1:\(listener.port)"
        let backend = try KafkaBackend(options: KafkaConnectionOptions(url: url, saslMechanism: mechanism, user: "alice",
                                                                       password: "s3cret"))
        guard case .done = backend.send(.publish(target: "vault", key: nil, value: Array("v".utf8), headers: [], messageId: nil)) else {
            Issue.record("a publish over \(mechanism.rawValue) failed"); return
        }
        #expect(try broker.topic("vault").partitionCount > 0)
        for (user, password) in [("alice", "s3cre7"), ("mallory", "s3cret")] {
            do {
                _ = try KafkaBackend(options: KafkaConnectionOptions(url: url, saslMechanism: mechanism, user: user,
                                                                     password: password, requestTimeoutMillis: 1000))
                Issue.record("\(user) with \(password) attached")
            } catch {
                #expect(error.message.contains("authentication failed"), "\(error.message)")
            }
        }
    }

    private func detail(_ label: String, _ group: GroupSnapshot) -> String? {
        group.details.first { $0.label == label }?.value
    }
}
#endif
