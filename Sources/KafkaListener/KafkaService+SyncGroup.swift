import Broker
import KafkaProtocol

extension KafkaService {
    /// Takes the leader's assignments; every member then waits (polled) for its own.
    func syncGroup(_ body: SyncGroupRequest, request: KafkaRequest) throws(KafkaEncodingError) -> Outcome {
        guard let group = groups.existing(body.groupId) else {
            return try respond(syncResponse(.unknownMemberId, assignment: [], body: body, version: request.version), to: request)
        }
        let assignments = Dictionary(body.assignments.map { ($0.memberId, $0.assignment) }, uniquingKeysWith: { first, _ in first })
        let partitions = assignments.compactMapValues(ConsumerAssignment.partitions(in:))
        do {
            try group.sync(memberId: body.memberId, generation: body.generationId, assignments: assignments, partitions: partitions)
        } catch {
            return try respond(syncResponse(Self.errorCode(for: error), assignment: [], body: body, version: request.version), to: request)
        }
        let answer = { (final: Bool) -> Outcome? in
            do throws(ClientGroupError) {
                guard let assignment = try group.assignment(memberId: body.memberId, generation: body.generationId) else {
                    return final ? self.encoded(self.syncResponse(.rebalanceInProgress, assignment: [], body: body,
                                                                  version: request.version), to: request) : nil
                }
                return self.encoded(self.syncResponse(.none, assignment: assignment, body: body, version: request.version), to: request)
            } catch {
                return self.encoded(self.syncResponse(Self.errorCode(for: error), assignment: [], body: body,
                                                      version: request.version), to: request)
            }
        }
        if let ready = answer(false) { return ready }
        // The leader syncs within the rebalance; the session timeout bounds how long a follower waits for it.
        return .wait(PendingResponse(maxWaitMilliseconds: 60_000, attempt: answer))
    }

    private func syncResponse(_ code: KafkaErrorCode, assignment: [UInt8], body: SyncGroupRequest, version: Int16) -> SyncGroupResponse {
        var response = SyncGroupResponse()
        response.errorCode = code.rawValue
        response.assignment = assignment
        if version >= 5 {
            response.protocolType = body.protocolType
            response.protocolName = body.protocolName
        }
        return response
    }

    func heartbeat(_ body: HeartbeatRequest) -> HeartbeatResponse {
        var response = HeartbeatResponse()
        guard let group = groups.existing(body.groupId) else {
            response.errorCode = KafkaErrorCode.unknownMemberId.rawValue
            return response
        }
        do { try group.heartbeat(memberId: body.memberId, generation: body.generationId) } catch {
            response.errorCode = Self.errorCode(for: error).rawValue
        }
        return response
    }

    func leaveGroup(_ body: LeaveGroupRequest, version: Int16) -> LeaveGroupResponse {
        var response = LeaveGroupResponse()
        let group = groups.existing(body.groupId)
        // Before v3 one member leaves by id; from v3 a batch of members.
        let leaving = version < 3 ? [body.memberId] : body.members.map(\.memberId)
        let codes = leaving.map { memberId -> KafkaErrorCode in
            guard let group else { return .unknownMemberId }
            do throws(ClientGroupError) { try group.leave(memberId: memberId) } catch { return Self.errorCode(for: error) }
            return .none
        }
        if version < 3 {
            response.errorCode = codes.first?.rawValue ?? 0
        } else {
            response.members = zip(body.members, codes).map { member, code in
                var result = LeaveGroupResponse.MemberResponse()
                result.memberId = member.memberId
                result.groupInstanceId = member.groupInstanceId
                result.errorCode = code.rawValue
                return result
            }
        }
        return response
    }
}
