import Broker
import KafkaProtocol

extension KafkaService {
    /// This broker coordinates every group (and would every transaction): the answer is always this node.
    func findCoordinator(_ request: FindCoordinatorRequest, version: Int16) -> FindCoordinatorResponse {
        var response = FindCoordinatorResponse()
        if version < 4 {
            response.nodeId = Self.nodeId
            response.host = advertisedHost
            response.port = Int32(advertisedPort)
            return response
        }
        response.coordinators = request.coordinatorKeys.map { key in
            var coordinator = FindCoordinatorResponse.Coordinator()
            coordinator.key = key
            coordinator.nodeId = Self.nodeId
            coordinator.host = advertisedHost
            coordinator.port = Int32(advertisedPort)
            return coordinator
        }
        return response
    }

    static func errorCode(for error: ClientGroupError) -> KafkaErrorCode {
        switch error {
        case .memberIdRequired: .memberIdRequired
        case .unknownMember: .unknownMemberId
        case .illegalGeneration: .illegalGeneration
        case .rebalanceInProgress: .rebalanceInProgress
        case .inconsistentProtocol: .inconsistentGroupProtocol
        case .invalidSessionTimeout: .invalidSessionTimeout
        }
    }
}
