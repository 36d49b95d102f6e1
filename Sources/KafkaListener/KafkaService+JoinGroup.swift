import Broker
import KafkaProtocol
import SluiceModel

extension KafkaService {
    /// Joins the member, then waits (polled) until every member has joined or the rebalance timeout has passed.
    func joinGroup(_ body: JoinGroupRequest, request: KafkaRequest, clientHost: String) throws(KafkaEncodingError) -> Outcome {
        guard !body.groupId.isEmpty else { return try respond(joinFailure(.invalidGroupId, memberId: body.memberId), to: request) }
        let group = groups.group(body.groupId)
        // Before v1 there is no rebalance timeout; Kafka uses the session timeout.
        let rebalanceTimeout = request.version >= 1 ? body.rebalanceTimeoutMs : body.sessionTimeoutMs
        let join = ClientAssignedGroup.JoinRequest(
            memberId: body.memberId, clientId: request.header.clientId ?? "", clientHost: clientHost,
            protocolType: body.protocolType, protocols: body.protocols.map { ($0.name, $0.metadata) },
            sessionTimeout: Nanos(body.sessionTimeoutMs) * NanosPerUnit.millisecond,
            rebalanceTimeout: Nanos(max(rebalanceTimeout, 0)) * NanosPerUnit.millisecond,
            requiresKnownMemberId: request.version >= 4)
        let memberId: String
        do {
            memberId = try group.join(join)
        } catch .memberIdRequired(let assigned) {
            return try respond(joinFailure(.memberIdRequired, memberId: assigned), to: request)
        } catch {
            return try respond(joinFailure(Self.errorCode(for: error), memberId: body.memberId), to: request)
        }
        let answer = { (final: Bool) -> Outcome? in
            let result: ClientAssignedGroup.JoinResult?
            do throws(ClientGroupError) { result = try group.joinResult(memberId: memberId) } catch {
                return self.encoded(self.joinFailure(Self.errorCode(for: error), memberId: memberId), to: request)
            }
            guard let result else {
                return final ? self.encoded(self.joinFailure(.rebalanceInProgress, memberId: memberId), to: request) : nil
            }
            return self.encoded(self.joinResponse(result, version: request.version), to: request)
        }
        if let ready = answer(false) { return ready }
        // A little past the group's own deadline, so that the group, not the wait, ends the round.
        return .wait(PendingResponse(maxWaitMilliseconds: Int64(max(rebalanceTimeout, 0)) + 1000, attempt: answer))
    }

    private func joinResponse(_ result: ClientAssignedGroup.JoinResult, version: Int16) -> JoinGroupResponse {
        var response = JoinGroupResponse()
        response.generationId = result.generation
        // Versions before 7 cannot carry the protocol type, and the codec refuses to drop it silently.
        if version >= 7 { response.protocolType = result.protocolType }
        response.protocolName = result.protocolName
        response.leader = result.leader
        response.memberId = result.memberId
        response.members = result.members.map { member in
            var entry = JoinGroupResponse.JoinGroupResponseMember()
            entry.memberId = member.memberId
            entry.metadata = member.metadata
            return entry
        }
        return response
    }

    private func joinFailure(_ code: KafkaErrorCode, memberId: String) -> JoinGroupResponse {
        var response = JoinGroupResponse()
        response.errorCode = code.rawValue
        response.generationId = -1
        response.memberId = memberId
        return response
    }

    /// Encodes a response for a request whose outcome comes later; an encoding failure closes the connection.
    func encoded(_ body: any KafkaApiMessage, to request: KafkaRequest) -> Outcome {
        do { return try respond(body, to: request) } catch {
            return .close("cannot encode the \(request.api) v\(request.version) response: \(error)")
        }
    }
}
