import Broker
import SluiceModel
import Testing

@Suite struct ClientAssignedGroupTests {
    static func request(_ memberId: String = "", client: String = "c", protocols: [String] = ["range", "roundrobin"],
                        session: Nanos = 10 * second, rebalance: Nanos = 30 * second) -> ClientAssignedGroup.JoinRequest {
        ClientAssignedGroup.JoinRequest(
            memberId: memberId, clientId: client, clientHost: "/127.0.0.1", protocolType: "consumer",
            protocols: protocols.map { ($0, Array("\(client):\($0)".utf8)) }, sessionTimeout: session,
            rebalanceTimeout: rebalance, requiresKnownMemberId: true)
    }

    /// Joins as a new member the way JoinGroup v4+ clients do: fetch an id, then join with it.
    static func joinNew(_ group: ClientAssignedGroup, client: String, protocols: [String] = ["range", "roundrobin"],
                        session: Nanos = 10 * second) throws -> String {
        do {
            _ = try group.join(request(client: client, protocols: protocols, session: session))
            Issue.record("a new member was let in without an id")
            return ""
        } catch .memberIdRequired(let id) {
            return try group.join(request(id, client: client, protocols: protocols, session: session))
        }
    }

    @Test func twoMembersJoinAndTheLeaderGetsEveryonesMetadata() throws {
        let clock = ManualClock()
        let groups = ClientAssignedGroups(clock: clock)
        let group = groups.group("g")
        let first = try Self.joinNew(group, client: "a")
        let alone = try #require(try group.joinResult(memberId: first))
        #expect(alone.generation == 1 && alone.leader == first && alone.members.map(\.memberId) == [first])

        let other = try Self.joinNew(group, client: "b", protocols: ["roundrobin"])
        #expect(try group.joinResult(memberId: other) == nil, "waits for the first member to rejoin")
        #expect(throws: ClientGroupError.rebalanceInProgress) { try group.heartbeat(memberId: first, generation: 1) }
        _ = try group.join(Self.request(first, client: "a"))

        let leaderView = try #require(try group.joinResult(memberId: first))
        let followerView = try #require(try group.joinResult(memberId: other))
        #expect(leaderView.generation == 2 && followerView.generation == 2)
        #expect(leaderView.protocolName == "roundrobin", "the only protocol both support")
        #expect(leaderView.leader == first && followerView.leader == first)
        #expect(leaderView.members.map(\.memberId) == [first, other])
        #expect(leaderView.members.map(\.metadata) == [Array("a:roundrobin".utf8), Array("b:roundrobin".utf8)])
        #expect(followerView.members.isEmpty)
    }

    @Test func followersGetTheLeadersAssignmentOnceItHasSynced() throws {
        let group = ClientAssignedGroups(clock: ManualClock()).group("g")
        let first = try Self.joinNew(group, client: "a")
        let other = try Self.joinNew(group, client: "b")
        _ = try group.join(Self.request(first, client: "a"))
        try group.sync(memberId: other, generation: 2, assignments: [:])
        #expect(try group.assignment(memberId: other, generation: 2) == nil)
        try group.sync(memberId: first, generation: 2, assignments: [first: [1], other: [2, 2]])
        #expect(try group.assignment(memberId: other, generation: 2) == [2, 2])
        #expect(try group.assignment(memberId: first, generation: 2) == [1])
        #expect(group.describe().phase == .stable)
        #expect(throws: ClientGroupError.illegalGeneration) { try group.heartbeat(memberId: other, generation: 1) }
        #expect(throws: ClientGroupError.unknownMember("nobody")) { try group.heartbeat(memberId: "nobody", generation: 2) }
    }

    @Test func aMemberWhoseSessionRunsOutIsRemovedAndTheRestRebalance() throws {
        let clock = ManualClock()
        let group = ClientAssignedGroups(clock: clock).group("g")
        let first = try Self.joinNew(group, client: "a")
        let other = try Self.joinNew(group, client: "b", session: 5 * second)
        _ = try group.join(Self.request(first, client: "a"))
        try group.sync(memberId: first, generation: 2, assignments: [:])
        clock.advance(by: 4 * second)
        try group.heartbeat(memberId: first, generation: 2)
        clock.advance(by: 2 * second)
        #expect(throws: ClientGroupError.rebalanceInProgress) { try group.heartbeat(memberId: first, generation: 2) }
        #expect(group.describe().members.map(\.memberId) == [first])
        #expect(throws: ClientGroupError.unknownMember(other)) { try group.heartbeat(memberId: other, generation: 2) }
        _ = try group.join(Self.request(first, client: "a"))
        #expect(try group.joinResult(memberId: first)?.generation == 3)
    }

    @Test func aMemberThatDoesNotRejoinWithinTheRebalanceTimeoutIsDropped() throws {
        let clock = ManualClock()
        let group = ClientAssignedGroups(clock: clock).group("g")
        let first = try Self.joinNew(group, client: "a", session: 60 * second)
        let other = try Self.joinNew(group, client: "b", session: 60 * second)
        #expect(try group.joinResult(memberId: other) == nil)
        clock.advance(by: 31 * second)
        let result = try #require(try group.joinResult(memberId: other))
        #expect(result.members.map(\.memberId) == [other], "the new member leads the round alone")
        #expect(throws: ClientGroupError.unknownMember(first)) { try group.heartbeat(memberId: first, generation: 1) }
    }

    @Test func leavingEmptiesTheGroupAndOffsetsOutliveTheMembers() throws {
        let groups = ClientAssignedGroups(clock: ManualClock())
        let group = groups.group("g")
        let member = try Self.joinNew(group, client: "a")
        try group.sync(memberId: member, generation: 1, assignments: [member: []])
        try group.commit(memberId: member, generation: 1, offsets: [ClientGroupOffset(topic: "t", partition: 0, offset: 42)])
        #expect(throws: ClientGroupError.illegalGeneration) {
            try group.commit(memberId: "", generation: -1, offsets: [ClientGroupOffset(topic: "t", partition: 0, offset: 1)])
        }
        #expect(groups.delete("g") == .hasMembers)
        #expect(!group.deleteOffsets([.init(topic: "t", partition: 0)]), "not while members may read them")
        try group.leave(memberId: member)
        #expect(group.describe().phase == .empty)
        try group.commit(memberId: "", generation: -1, offsets: [ClientGroupOffset(topic: "t", partition: 1, offset: 7)])
        #expect(group.committedOffsets().map(\.offset) == [42, 7])
        #expect(group.committedOffsets([.init(topic: "t", partition: 1), .init(topic: "u", partition: 0)]).map(\.offset) == [7])
        #expect(group.deleteOffsets([.init(topic: "t", partition: 0)]))
        #expect(group.committedOffsets().map(\.offset) == [7])
        #expect(groups.delete("g") == .deleted && groups.existing("g") == nil)
        #expect(groups.delete("g") == .notFound)
    }

    @Test func aMemberSharingNoProtocolIsRefused() throws {
        let group = ClientAssignedGroups(clock: ManualClock()).group("g")
        _ = try Self.joinNew(group, client: "a", protocols: ["range"])
        #expect(throws: ClientGroupError.inconsistentProtocol) {
            _ = try Self.joinNew(group, client: "b", protocols: ["cooperative-sticky"])
        }
    }
}
