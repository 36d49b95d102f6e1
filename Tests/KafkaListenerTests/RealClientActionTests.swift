import Broker
import Foundation
import KafkaListener
import SluiceModel
import Testing

/// What the dashboard does to a real confluent-kafka consumer, sent as the dashboard sends it (a `Command`
/// to the backend) and checked in what the client itself receives.
@Suite(.serialized) struct RealClientActionTests {
    typealias Served = RealClientSnapshotTests.Served

    /// A client in group `group` on `topic` that has read and committed `records` records.
    static func caughtUpClient(_ served: Served, topic: String, group: String, records: Int) throws -> ClientDriver {
        let client = try ClientDriver(bootstrap: served.bootstrap, topic: topic, group: group,
                                      clientId: "\(group)-\(UInt16.random(in: 0...UInt16.max))")
        #expect(try client.send("produce \(records)") == "produced \(records)")
        #expect(try client.wait(for: records) == records)
        _ = try client.state("commit")
        return client
    }

    static func member(_ served: Served, _ group: String) throws -> (group: ClientAssignedGroup, memberId: String) {
        let found = try #require(served.broker.clientGroups.existing(group))
        return (found, try #require(found.describe().members.first?.memberId))
    }

    @Test(.timeLimit(.minutes(2)))
    func aPausedMembersFetchesComeBackEmptyAndResumingHandsItTheRest() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try Self.caughtUpClient(served, topic: "orders", group: "paused", records: 40)
        defer { client.close() }
        let (group, memberId) = try Self.member(served, "paused")
        #expect(served.backend.send(.pause(consumers: .group(GroupID("paused")), member: memberId)) == .done("paused \(memberId)"))
        #expect(try client.send("produce 25") == "produced 25")
        // The client keeps fetching; three full rounds of answers (every partition) while paused, and none has records.
        let before = group.describe().members.first?.fetches ?? 0
        #expect(KcatTests.eventually(seconds: 20) { (group.describe().members.first?.fetches ?? 0) >= before + 9 })
        #expect(try client.state().received == 40, "a paused member receives nothing")
        let paused = try #require(RealClientSnapshotTests.clientGroup(served.backend.snapshot(), "paused"))
        #expect(paused.members.first?.paused == true)
        #expect(paused.totalLag == 25)
        #expect(group.describe().members.first?.memberId == memberId, "it kept its session")

        #expect(served.backend.send(.resume(consumers: .group(GroupID("paused")), member: memberId)) == .done("resumed \(memberId)"))
        #expect(try client.wait(for: 65) == 65)
    }

    @Test(.timeLimit(.minutes(2)))
    func pausingTheWholeGroupStopsItsMembersToo() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try Self.caughtUpClient(served, topic: "orders", group: "whole", records: 10)
        defer { client.close() }
        let (group, _) = try Self.member(served, "whole")
        #expect(served.backend.send(.pause(consumers: .group(GroupID("whole")), member: nil)) == .done("paused whole"))
        #expect(try client.send("produce 5") == "produced 5")
        let before = group.describe().members.first?.fetches ?? 0
        #expect(KcatTests.eventually(seconds: 20) { (group.describe().members.first?.fetches ?? 0) >= before + 9 })
        #expect(try client.state().received == 10)
        #expect(RealClientSnapshotTests.clientGroup(served.backend.snapshot(), "whole")?.paused == true)
        _ = served.backend.send(.resume(consumers: .group(GroupID("whole")), member: nil))
        #expect(try client.wait(for: 15) == 15)
    }

    @Test(.timeLimit(.minutes(2)))
    func replayingAGroupToEarliestMakesTheClientRejoinAndReadEverythingAgain() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try Self.caughtUpClient(served, topic: "orders", group: "replayed", records: 60)
        defer { client.close() }
        let generation = try Self.member(served, "replayed").group.describe().generation
        #expect(served.backend.seekCount(group: GroupID("replayed"), partition: nil, to: .earliest) == SeekCount(again: 60))
        let outcome = served.backend.send(.seek(group: GroupID("replayed"), partition: nil, to: .earliest))
        #expect(outcome == .done("seeked replayed: 60 records consumed again; its members rejoin"))
        #expect(try client.wait(for: 120) == 120, "every record again, from the rewritten committed offsets")
        #expect(try Self.member(served, "replayed").group.describe().generation > generation, "the member rejoined")
        #expect(served.backend.snapshot().events.contains { $0.kind == .seek && $0.text.contains("group replayed: seek all partitions") })
    }

    @Test(.timeLimit(.minutes(2)))
    func replayingOnePartitionToAnOffsetRereadsOnlyWhatFollowsIt() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try Self.caughtUpClient(served, topic: "orders", group: "offset", records: 60)
        defer { client.close() }
        let end = try served.broker.topic("orders").logEndOffset(partition: 1)
        try #require(end >= 2)
        let target = end - 2
        #expect(served.backend.send(.seek(group: GroupID("offset"), partition: PartitionRef(topic: "orders", partition: 1), to: .offset(target)))
            == .done("seeked offset: 2 records consumed again; its members rejoin"))
        #expect(try client.wait(for: 62) == 62)
        _ = try client.state("commit")
        #expect(try client.state().committed["1"] == end)
    }

    @Test(.timeLimit(.minutes(2)))
    func replayingToATimeRereadsWhatWasProducedSinceThen() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try Self.caughtUpClient(served, topic: "orders", group: "timed", records: 30)
        defer { client.close() }
        let sinceStart = served.backend.snapshot().clock.now
        #expect(try client.send("produce 20") == "produced 20")
        #expect(try client.wait(for: 50) == 50)
        _ = try client.state("commit")
        // The records after the mark carry the client's own CreateTime, on the same Unix time line as the broker.
        #expect(served.backend.seekCount(group: GroupID("timed"), partition: nil, to: .time(sinceStart)) == SeekCount(again: 20))
        _ = served.backend.send(.seek(group: GroupID("timed"), partition: nil, to: .time(sinceStart)))
        #expect(try client.wait(for: 70) == 70)
    }

    @Test(.timeLimit(.minutes(2)))
    func aRemovedMemberIsFencedAndRejoinsUnderANewId() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try Self.caughtUpClient(served, topic: "orders", group: "removed", records: 10)
        defer { client.close() }
        let (group, memberId) = try Self.member(served, "removed")
        let outcome = served.backend.send(.removeInstance(consumer: memberId))
        #expect(outcome == .done("removed \(memberId) from removed: it is fenced and the group rebalances"))
        #expect(KcatTests.eventually(seconds: 30) {
            let members = group.describe().members
            return members.count == 1 && members[0].memberId != memberId && group.describe().phase == .stable
        }, "\(group.describe())")
        #expect(try client.state().member_id != memberId, "the client itself got a new member id")
        #expect(served.backend.snapshot().events.contains { $0.text.contains("removed member \(memberId)") })
    }

    @Test(.timeLimit(.minutes(2)))
    func aRecordPublishedFromTheDashboardReachesTheRealConsumer() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try Self.caughtUpClient(served, topic: "orders", group: "published", records: 5)
        defer { client.close() }
        let outcome = served.backend.send(.publish(target: "orders", key: "k", value: Array("from the dashboard".utf8),
                                                   headers: [], messageId: nil))
        guard case .done(let said) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(said.hasPrefix("published to orders p"))
        #expect(try client.wait(for: 6) == 6)
        #expect(try client.state().last_value == "from the dashboard")
    }

    @Test func whatCannotBeDoneToRealClientsSaysWhy() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let capabilities = served.backend.snapshot().capabilities
        #expect(capabilities.reasonUnavailable(.speed)?.contains("wall clock") == true)
        #expect(served.backend.send(.setSpeed(10)) == .failed(capabilities.reasonUnavailable(.speed) ?? ""))
        #expect(served.backend.send(.addInstance(consumer: "g")) ==
            .failed("members of a real group are client processes: start another one to add a member"))
        #expect(served.backend.send(.pause(consumers: .group(GroupID("nobody")), member: nil)) == .failed("unknown consumer group 'nobody'"))
    }
}
