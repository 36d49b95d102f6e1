import Broker
@testable import KafkaListener
import KafkaProtocol
import Testing

/// Two members of one group, driven request by request through the service as two clients would.
@Suite struct GroupServiceTests {
    static func join(_ memberId: String, protocols: [String] = ["range"]) -> JoinGroupRequest {
        var request = JoinGroupRequest()
        request.groupId = "g"
        request.memberId = memberId
        request.sessionTimeoutMs = 10_000
        request.rebalanceTimeoutMs = 30_000
        request.protocolType = "consumer"
        request.protocols = protocols.map { name in
            var entry = JoinGroupRequest.JoinGroupRequestProtocol()
            entry.name = name
            entry.metadata = Array("\(memberId.isEmpty ? "new" : memberId):\(name)".utf8)
            return entry
        }
        return request
    }

    static func frame(_ body: some KafkaApiMessage, version: Int16, correlation: Int32 = 1) throws -> [UInt8] {
        var header = RequestHeader()
        header.requestApiKey = type(of: body).apiKey.rawValue
        header.requestApiVersion = version
        header.correlationId = correlation
        header.clientId = "client"
        return try KafkaFrame.encodeRequest(header: header, body: body)
    }

    /// Joins as a new member (v5: first the id, then the join) and returns its id and the join's outcome.
    static func joinNew(_ harness: inout ServiceHarness) throws -> (String, KafkaService.Outcome) {
        let refused = try harness.send(join(""), version: 5, expecting: JoinGroupResponse.self)
        #expect(refused.errorCode == 79 && !refused.memberId.isEmpty)
        return (refused.memberId, harness.service.handle(frame: try frame(join(refused.memberId), version: 5)))
    }

    @Test func twoMembersJoinSyncCommitAndFetchTheirOffsets() throws {
        var harness = ServiceHarness()
        let (first, firstJoin) = try Self.joinNew(&harness)
        let alone: JoinGroupResponse = try harness.decode(firstJoin, api: .joinGroup, version: 5)
        #expect(alone.errorCode == 0 && alone.generationId == 1 && alone.leader == first)
        #expect(alone.members.map(\.memberId) == [first])

        let (second, secondJoin) = try Self.joinNew(&harness)
        guard case .wait(let secondWaits) = secondJoin else { Issue.record("joined without the first member"); return }
        var heartbeat = HeartbeatRequest()
        heartbeat.groupId = "g"
        heartbeat.memberId = first
        heartbeat.generationId = 1
        #expect(try harness.send(heartbeat, version: 3, expecting: HeartbeatResponse.self).errorCode == 27)

        let leader = try harness.send(Self.join(first), version: 5, expecting: JoinGroupResponse.self)
        let follower: JoinGroupResponse = try harness.decode(try #require(secondWaits.attempt(false)), api: .joinGroup, version: 5)
        #expect(leader.generationId == 2 && follower.generationId == 2)
        #expect(leader.members.map(\.memberId) == [first, second] && follower.members.isEmpty)
        #expect(follower.leader == first && follower.protocolName == "range")

        var sync = SyncGroupRequest()
        sync.groupId = "g"
        sync.generationId = 2
        sync.memberId = second
        guard case .wait(let syncWaits) = harness.service.handle(frame: try Self.frame(sync, version: 3)) else {
            Issue.record("a follower synced before the leader")
            return
        }
        #expect(syncWaits.attempt(false) == nil)
        sync.memberId = first
        sync.assignments = [(first, [UInt8(1)]), (second, [UInt8(2)])].map { id, bytes in
            var assignment = SyncGroupRequest.SyncGroupRequestAssignment()
            assignment.memberId = id
            assignment.assignment = bytes
            return assignment
        }
        #expect(try harness.send(sync, version: 3, expecting: SyncGroupResponse.self).assignment == [1])
        let followerSync: SyncGroupResponse = try harness.decode(try #require(syncWaits.attempt(false)), api: .syncGroup, version: 3)
        #expect(followerSync.errorCode == 0 && followerSync.assignment == [2])

        var commit = OffsetCommitRequest()
        commit.groupId = "g"
        commit.memberId = second
        commit.generationIdOrMemberEpoch = 2
        var topic = OffsetCommitRequest.OffsetCommitRequestTopic()
        topic.name = "orders"
        var partition = OffsetCommitRequest.OffsetCommitRequestPartition()
        partition.partitionIndex = 1
        partition.committedOffset = 17
        partition.committedMetadata = "note"
        topic.partitions = [partition]
        commit.topics = [topic]
        #expect(try harness.send(commit, version: 7, expecting: OffsetCommitResponse.self).topics.first?.partitions.first?.errorCode == 0)
        commit.generationIdOrMemberEpoch = 1
        #expect(try harness.send(commit, version: 7, expecting: OffsetCommitResponse.self).topics.first?.partitions.first?.errorCode == 22)

        var fetch = OffsetFetchRequest()
        fetch.groupId = "g"
        var wanted = OffsetFetchRequest.OffsetFetchRequestTopic()
        wanted.name = "orders"
        wanted.partitionIndexes = [0, 1]
        fetch.topics = [wanted]
        let fetched = try harness.send(fetch, version: 7, expecting: OffsetFetchResponse.self)
        #expect(fetched.topics.first?.partitions.map(\.committedOffset) == [-1, 17])
        #expect(fetched.topics.first?.partitions.map(\.metadata) == ["", "note"])

        var leave = LeaveGroupRequest()
        leave.groupId = "g"
        var identity = LeaveGroupRequest.MemberIdentity()
        identity.memberId = second
        leave.members = [identity]
        #expect(try harness.send(leave, version: 4, expecting: LeaveGroupResponse.self).members.map(\.errorCode) == [0])
        heartbeat.generationId = 2
        #expect(try harness.send(heartbeat, version: 3, expecting: HeartbeatResponse.self).errorCode == 27,
                "the one left must rejoin")
    }

    @Test func findCoordinatorNamesThisNodeInBothShapes() throws {
        var harness = ServiceHarness()
        var request = FindCoordinatorRequest()
        request.key = "g"
        let old = try harness.send(request, version: 2, expecting: FindCoordinatorResponse.self)
        #expect(old.nodeId == 0 && old.host == "127.0.0.1" && old.port == 9092)
        request.key = ""  // v4 carries keys only in the batch
        request.coordinatorKeys = ["a", "b"]
        let batched = try harness.send(request, version: 4, expecting: FindCoordinatorResponse.self)
        #expect(batched.coordinators.map(\.key) == ["a", "b"] && batched.coordinators.allSatisfy { $0.port == 9092 })
    }

    @Test func groupsAreListedDescribedAndDeletedOnlyWhenEmpty() throws {
        var harness = ServiceHarness()
        let (member, joined) = try Self.joinNew(&harness)
        #expect(try (harness.decode(joined, api: .joinGroup, version: 5) as JoinGroupResponse).errorCode == 0)
        var sync = SyncGroupRequest()
        sync.groupId = "g"
        sync.generationId = 1
        sync.memberId = member
        var assignment = SyncGroupRequest.SyncGroupRequestAssignment()
        assignment.memberId = member
        assignment.assignment = [7]
        sync.assignments = [assignment]
        _ = try harness.send(sync, version: 3, expecting: SyncGroupResponse.self)

        let listed = try harness.send(ListGroupsRequest(), version: 4, expecting: ListGroupsResponse.self)
        #expect(listed.groups.map(\.groupId) == ["g"] && listed.groups.map(\.groupState) == ["Stable"])
        var filter = ListGroupsRequest()
        filter.statesFilter = ["Empty"]
        #expect(try harness.send(filter, version: 4, expecting: ListGroupsResponse.self).groups.isEmpty)

        var describe = DescribeGroupsRequest()
        describe.groups = ["g", "nope"]
        let described = try harness.send(describe, version: 5, expecting: DescribeGroupsResponse.self)
        #expect(described.groups.map(\.groupState) == ["Stable", "Dead"])
        #expect(described.groups.first?.protocolData == "range")
        #expect(described.groups.first?.members.map(\.clientId) == ["client"])
        #expect(described.groups.first?.members.first?.memberAssignment == [7])

        var delete = DeleteGroupsRequest()
        delete.groupsNames = ["g", "nope"]
        #expect(try harness.send(delete, version: 2, expecting: DeleteGroupsResponse.self).results.map(\.errorCode) == [68, 69])
        var leave = LeaveGroupRequest()
        leave.groupId = "g"
        leave.memberId = member
        #expect(try harness.send(leave, version: 1, expecting: LeaveGroupResponse.self).errorCode == 0)
        #expect(try harness.send(delete, version: 2, expecting: DeleteGroupsResponse.self).results.map(\.errorCode) == [0, 69])
        #expect(try harness.send(describe, version: 5, expecting: DescribeGroupsResponse.self).groups.map(\.groupState) == ["Dead", "Dead"])

        let cluster = try harness.send(DescribeClusterRequest(), version: 1, expecting: DescribeClusterResponse.self)
        #expect(cluster.clusterId == "sluice" && cluster.brokers.map(\.port) == [9092])
    }
}
