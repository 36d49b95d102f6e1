#if Kafka
#if canImport(Glibc)
import Glibc
#endif
import CRdKafka
import SluiceModel
import AttachSupport

/// Consumer groups through librdkafka's admin API: ListConsumerGroups, DescribeConsumerGroups,
/// ListConsumerGroupOffsets (OffsetFetch) and AlterConsumerGroupOffsets (OffsetCommit).
enum GroupAdmin {
    /// Every group the cluster lists; throws when it cannot list them (an unsupported API among them).
    static func list(_ client: KafkaClient) throws(AttachError) -> [String] {
        let event = try client.admin(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS) { options, queue in
            rd_kafka_ListConsumerGroups(client.handle, options, queue)
        }
        defer { rd_kafka_event_destroy(event) }
        let result = rd_kafka_event_ListConsumerGroups_result(event)
        var errorCount = 0
        if let errors = rd_kafka_ListConsumerGroups_result_errors(result, &errorCount), errorCount > 0,
           let first = errors[0] {
            var validCount = 0
            _ = rd_kafka_ListConsumerGroups_result_valid(result, &validCount)
            // Every broker refusing is an answer about the cluster, not one broker's hiccup.
            if validCount == 0 { throw AttachError(String(cString: rd_kafka_error_string(first))) }
        }
        var count = 0
        guard let listings = rd_kafka_ListConsumerGroups_result_valid(result, &count) else { return [] }
        return (0..<count).compactMap { listings[$0].map { String(cString: rd_kafka_ConsumerGroupListing_group_id($0)) } }
    }

    /// State, assignor, members and committed offsets of each group; what cannot be read is a problem of that group.
    static func describe(_ client: KafkaClient, _ names: [String], allPartitions: [TopicPartition],
                         askDescriptions: Bool) -> [GroupFacts] {
        guard !names.isEmpty else { return [] }
        var groups = names.map { GroupFacts(name: $0) }
        if askDescriptions {
            do {
                let described = try descriptions(client, names)
                for index in groups.indices {
                    guard let found = described[groups[index].name] else { continue }
                    switch found {
                    case .success(let facts): groups[index] = facts
                    case .failure(let problem): groups[index].problems.append("DescribeGroups: \(problem.message)")
                    }
                }
            } catch {
                for index in groups.indices { groups[index].problems.append("DescribeGroups: \(error.message)") }
            }
        }
        for index in groups.indices {
            do {
                groups[index].committed = try committed(client, groups[index].name, allPartitions: allPartitions)
            } catch {
                groups[index].problems.append("OffsetFetch: \(error.message)")
            }
        }
        return groups
    }

    private static func descriptions(_ client: KafkaClient,
                                     _ names: [String]) throws(AttachError) -> [String: Result<GroupFacts, AttachError>] {
        var cNames = names.map { strdup($0) }
        defer { cNames.forEach { free($0) } }
        let event = try cNames.withUnsafeMutableBufferPointer { buffer throws(AttachError) in
            try buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { pointer throws(AttachError) in
                try client.admin(RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS) { options, queue in
                    rd_kafka_DescribeConsumerGroups(client.handle, pointer, buffer.count, options, queue)
                }
            }
        }
        defer { rd_kafka_event_destroy(event) }
        var count = 0
        guard let described = rd_kafka_DescribeConsumerGroups_result_groups(
            rd_kafka_event_DescribeConsumerGroups_result(event), &count) else { return [:] }
        var answers: [String: Result<GroupFacts, AttachError>] = [:]
        for index in 0..<count {
            guard let group = described[index] else { continue }
            let name = String(cString: rd_kafka_ConsumerGroupDescription_group_id(group))
            if let error = rd_kafka_ConsumerGroupDescription_error(group) {
                answers[name] = .failure(AttachError(String(cString: rd_kafka_error_string(error))))
                continue
            }
            let members = (0..<rd_kafka_ConsumerGroupDescription_member_count(group)).compactMap { slot -> GroupMemberFacts? in
                guard let member = rd_kafka_ConsumerGroupDescription_member(group, slot) else { return nil }
                let assigned = rd_kafka_MemberDescription_assignment(member)
                    .flatMap { rd_kafka_MemberAssignment_partitions($0) }?.pointee.entries.map(\.place) ?? []
                return GroupMemberFacts(memberID: text(rd_kafka_MemberDescription_consumer_id(member)),
                                        clientID: text(rd_kafka_MemberDescription_client_id(member)),
                                        host: text(rd_kafka_MemberDescription_host(member)), assignment: assigned.sorted())
            }
            let state = String(cString: rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(group)))
            let simple = rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(group) != 0
            answers[name] = .success(GroupFacts(
                name: name, state: state, protocolType: simple ? "simple" : "consumer",
                assignor: rd_kafka_ConsumerGroupDescription_partition_assignor(group).map { String(cString: $0) }.flatMap(\.nonEmpty),
                members: members))
        }
        return answers
    }

    /// The group's committed offsets. Asking for all partitions is one request; a cluster that answers
    /// that with nothing (librdkafka's mock) is asked again for every partition it has.
    static func committed(_ client: KafkaClient, _ group: String,
                          allPartitions: [TopicPartition]) throws(AttachError) -> [TopicPartition: Int64] {
        let all = try fetchCommitted(client, group, partitions: nil)
        if !all.isEmpty || allPartitions.isEmpty { return all }
        return try fetchCommitted(client, group, partitions: PartitionList(allPartitions.map { ($0, Int64(RD_KAFKA_OFFSET_INVALID)) }))
    }

    private static func fetchCommitted(_ client: KafkaClient, _ group: String,
                                       partitions: PartitionList?) throws(AttachError) -> [TopicPartition: Int64] {
        guard let made = rd_kafka_ListConsumerGroupOffsets_new(group, partitions?.pointer) else {
            throw AttachError("librdkafka could not build an OffsetFetch for \(group)")
        }
        var request: OpaquePointer? = made
        defer { rd_kafka_ListConsumerGroupOffsets_destroy(made) }
        let event = try client.admin(RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS) { options, queue in
            rd_kafka_ListConsumerGroupOffsets(client.handle, &request, 1, options, queue)
        }
        defer { rd_kafka_event_destroy(event) }
        var count = 0
        let results = rd_kafka_ListConsumerGroupOffsets_result_groups(rd_kafka_event_ListConsumerGroupOffsets_result(event), &count)
        return try groupResult(results, count: count, group)
    }

    /// Commits `offsets` for the group (AlterConsumerGroupOffsets); the offsets the cluster took back.
    static func alter(_ client: KafkaClient, _ group: String,
                      _ offsets: [TopicPartition: Int64]) throws(AttachError) -> [TopicPartition: Int64] {
        let list = PartitionList(offsets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        guard let made = rd_kafka_AlterConsumerGroupOffsets_new(group, list.pointer) else {
            throw AttachError("librdkafka could not build an offset commit for \(group)")
        }
        var request: OpaquePointer? = made
        defer { rd_kafka_AlterConsumerGroupOffsets_destroy(made) }
        let event = try client.admin(RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS) { options, queue in
            rd_kafka_AlterConsumerGroupOffsets(client.handle, &request, 1, options, queue)
        }
        defer { rd_kafka_event_destroy(event) }
        var count = 0
        let results = rd_kafka_AlterConsumerGroupOffsets_result_groups(rd_kafka_event_AlterConsumerGroupOffsets_result(event), &count)
        return try groupResult(results, count: count, group)
    }

    /// The one group's partitions from an admin result; a group or partition error is thrown in words.
    private static func groupResult(_ results: UnsafeMutablePointer<OpaquePointer?>?, count: Int,
                                    _ group: String) throws(AttachError) -> [TopicPartition: Int64] {
        guard let results, count > 0, let result = results[0] else { throw AttachError("no answer for group \(group)") }
        if let error = rd_kafka_group_result_error(result) {
            throw AttachError(String(cString: rd_kafka_error_string(error)))
        }
        var offsets: [TopicPartition: Int64] = [:]
        for entry in rd_kafka_group_result_partitions(result)?.pointee.entries ?? [] {
            if entry.error != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw AttachError("\(entry.place.topic)-\(entry.place.partition): \(KafkaClient.describe(entry.error))")
            }
            if entry.offset >= 0 { offsets[entry.place] = entry.offset }
        }
        return offsets
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
}
#endif
