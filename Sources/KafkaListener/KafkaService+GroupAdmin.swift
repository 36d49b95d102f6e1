import Broker
import KafkaProtocol

extension KafkaService {
    /// Every group of Kafka clients, optionally only those in the states asked for (v4+).
    func listGroups(_ request: ListGroupsRequest, version: Int16) -> ListGroupsResponse {
        var response = ListGroupsResponse()
        let wanted = Set(request.statesFilter.map { $0.lowercased() })
        response.groups = groups.all.map { $0.describe() }
            .filter { wanted.isEmpty || wanted.contains($0.phase.rawValue.lowercased()) }
            .map { group in
                var listed = ListGroupsResponse.ListedGroup()
                listed.groupId = group.id
                listed.protocolType = group.protocolType
                if version >= 4 { listed.groupState = group.phase.rawValue }
                if version >= 5 { listed.groupType = "classic" }
                return listed
            }
        return response
    }

    /// Each group's state and members; a group that does not exist is "Dead", as Kafka answers.
    func describeGroups(_ request: DescribeGroupsRequest) -> DescribeGroupsResponse {
        var response = DescribeGroupsResponse()
        response.groups = request.groups.map { id in
            var described = DescribeGroupsResponse.DescribedGroup()
            described.groupId = id
            guard let group = groups.existing(id)?.describe() else {
                described.groupState = "Dead"
                return described
            }
            described.groupState = group.phase.rawValue
            described.protocolType = group.protocolType
            described.protocolData = group.protocolName
            described.members = group.members.map { member in
                var entry = DescribeGroupsResponse.DescribedGroupMember()
                entry.memberId = member.memberId
                entry.clientId = member.clientId
                entry.clientHost = member.clientHost
                entry.memberMetadata = member.metadata
                entry.memberAssignment = member.assignment
                return entry
            }
            return described
        }
        return response
    }

    func deleteGroups(_ request: DeleteGroupsRequest) -> DeleteGroupsResponse {
        var response = DeleteGroupsResponse()
        response.results = request.groupsNames.map { id in
            var result = DeleteGroupsResponse.DeletableGroupResult()
            result.groupId = id
            switch groups.delete(id) {
            case .deleted: break
            case .notFound: result.errorCode = KafkaErrorCode.groupIdNotFound.rawValue
            case .hasMembers: result.errorCode = KafkaErrorCode.nonEmptyGroup.rawValue
            }
            return result
        }
        return response
    }

    /// Deletes committed offsets of a group that has no members (a member may still be reading them).
    func offsetDelete(_ request: OffsetDeleteRequest) -> OffsetDeleteResponse {
        var response = OffsetDeleteResponse()
        guard let group = groups.existing(request.groupId) else {
            response.errorCode = KafkaErrorCode.groupIdNotFound.rawValue
            return response
        }
        let keys = request.topics.flatMap { topic in topic.partitions.map { ClientGroupOffset.Key(topic: topic.name, partition: $0.partitionIndex) } }
        let code = group.deleteOffsets(keys) ? KafkaErrorCode.none : .groupSubscribedToTopic
        response.topics = request.topics.map { topic in
            var result = OffsetDeleteResponse.OffsetDeleteResponseTopic()
            result.name = topic.name
            result.partitions = topic.partitions.map {
                var partition = OffsetDeleteResponse.OffsetDeleteResponsePartition()
                partition.partitionIndex = $0.partitionIndex
                partition.errorCode = code.rawValue
                return partition
            }
            return result
        }
        return response
    }

    func describeCluster(_: DescribeClusterRequest) -> DescribeClusterResponse {
        var response = DescribeClusterResponse()
        response.clusterId = Self.clusterId
        response.controllerId = Self.nodeId
        var broker = DescribeClusterResponse.DescribeClusterBroker()
        broker.brokerId = Self.nodeId
        broker.host = advertisedHost
        broker.port = Int32(advertisedPort)
        response.brokers = [broker]
        return response
    }
}
