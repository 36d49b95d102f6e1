#if Kafka
import CRdKafka
import Foundation
import Testing

/// librdkafka's own mock cluster, in this process, on loopback ports: a live Kafka for the tests.
final class MockKafkaCluster {
    private let owner: OpaquePointer
    let cluster: OpaquePointer
    let bootstraps: String

    init(brokers: Int32 = 3) throws {
        var problem = [CChar](repeating: 0, count: 512)
        let configuration = rd_kafka_conf_new()
        rd_kafka_conf_set(configuration, "log_level", "0", &problem, problem.count)
        owner = try #require(rd_kafka_new(RD_KAFKA_PRODUCER, configuration, &problem, problem.count))
        cluster = try #require(rd_kafka_mock_cluster_new(owner, brokers))
        bootstraps = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(owner)
    }

    var url: String { "kafka://" + bootstraps }

    /// Runs `body` against a fresh cluster that outlives every client the body made (Swift may release a
    /// local after its last use, and a consumer whose cluster is gone waits for it when destroyed).
    static func with<T>(brokers: Int32 = 3, _ body: (MockKafkaCluster) throws -> T) throws -> T {
        let cluster = try MockKafkaCluster(brokers: brokers)
        return try withExtendedLifetime(cluster) { try body(cluster) }
    }

    func createTopic(_ name: String, partitions: Int32) {
        #expect(rd_kafka_mock_topic_create(cluster, name, partitions, 1) == RD_KAFKA_RESP_ERR_NO_ERROR)
    }

    func setLeader(_ topic: String, _ partition: Int32, broker: Int32) {
        #expect(rd_kafka_mock_partition_set_leader(cluster, topic, partition, broker) == RD_KAFKA_RESP_ERR_NO_ERROR)
    }

    /// Every broker refuses connections (`false`) or takes them again (`true`).
    func setBrokersUp(_ up: Bool) {
        _ = up ? rd_kafka_mock_broker_set_up(cluster, -1) : rd_kafka_mock_broker_set_down(cluster, -1)
    }
}

/// A plain librdkafka client of the test's own, to make records and groups and to read what the cluster
/// reports, independently of the code under test.
final class TestKafkaClient {
    let handle: OpaquePointer

    init(bootstraps: String, consumerGroup: String? = nil, clientID: String = "sluice-test", extra: [String: String] = [:]) throws {
        var problem = [CChar](repeating: 0, count: 512)
        let configuration = rd_kafka_conf_new()
        var settings = ["bootstrap.servers": bootstraps, "client.id": clientID, "log_level": "0"]
        if let consumerGroup {
            settings["group.id"] = consumerGroup
            settings["auto.offset.reset"] = "earliest"
            settings["enable.auto.commit"] = "false"
            // Only what consumeAndCommit stores is committed: records read while serving the group are not.
            settings["enable.auto.offset.store"] = "false"
        }
        settings.merge(extra) { _, new in new }
        for (key, value) in settings {
            #expect(rd_kafka_conf_set(configuration, key, value, &problem, problem.count) == RD_KAFKA_CONF_OK, "\(key)")
        }
        handle = try #require(rd_kafka_new(consumerGroup == nil ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER,
                                           configuration, &problem, problem.count))
        if consumerGroup != nil { rd_kafka_poll_set_consumer(handle) }
    }

    deinit { rd_kafka_destroy(handle) }

    /// Produces `value` (and key, headers) to one partition and waits for the cluster to take it.
    func produce(_ topic: String, partition: Int32, key: String? = nil, value: String, headers: [(String, String)] = []) throws {
        let list = rd_kafka_headers_new(headers.count)
        for (name, text) in headers { rd_kafka_header_add(list, name, -1, text, text.utf8.count) }
        let keyBytes = key.map { Array($0.utf8) }
        let code = (keyBytes ?? []).withUnsafeBytes { keyBuffer in
            Array(value.utf8).withUnsafeBytes { valueBuffer in
                sluice_rdkafka_produce(handle, topic, partition, keyBytes == nil ? nil : keyBuffer.baseAddress,
                                       keyBytes?.count ?? 0, valueBuffer.baseAddress, valueBuffer.count, list, nil)
            }
        }
        #expect(code == RD_KAFKA_RESP_ERR_NO_ERROR)
        #expect(rd_kafka_flush(handle, 10_000) == RD_KAFKA_RESP_ERR_NO_ERROR)
    }

    /// The low and high watermarks the cluster reports for one partition.
    func watermarks(_ topic: String, _ partition: Int32) throws -> (low: Int64, high: Int64) {
        var low: Int64 = 0, high: Int64 = 0
        let code = rd_kafka_query_watermark_offsets(handle, topic, partition, &low, &high, 5000)
        #expect(code == RD_KAFKA_RESP_ERR_NO_ERROR, "\(String(cString: rd_kafka_err2str(code)))")
        return (low, high)
    }

    /// Each partition's leader as Metadata reports it.
    func leaders(_ topic: String) throws -> [Int: Int] {
        var maybe: UnsafePointer<rd_kafka_metadata>?
        #expect(rd_kafka_metadata(handle, 1, nil, &maybe, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR)
        let metadata = try #require(maybe)
        defer { rd_kafka_metadata_destroy(metadata) }
        var leaders: [Int: Int] = [:]
        for index in 0..<Int(metadata.pointee.topic_cnt) where String(cString: metadata.pointee.topics[index].topic) == topic {
            let entry = metadata.pointee.topics[index]
            for slot in 0..<Int(entry.partition_cnt) {
                leaders[Int(entry.partitions[slot].id)] = Int(entry.partitions[slot].leader)
            }
        }
        return leaders
    }

    // MARK: - As a group member

    func subscribe(_ topics: String...) {
        let list = rd_kafka_topic_partition_list_new(Int32(topics.count))
        for topic in topics { rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA) }
        #expect(rd_kafka_subscribe(handle, list) == RD_KAFKA_RESP_ERR_NO_ERROR)
        rd_kafka_topic_partition_list_destroy(list)
    }

    /// Consumes `count` records (a deadline of 20 s), then commits what it consumed, synchronously.
    func consumeAndCommit(_ count: Int) -> Int {
        var consumed = 0
        let deadline = Date().addingTimeInterval(20)
        while consumed < count, Date() < deadline {
            guard let message = rd_kafka_consumer_poll(handle, 200) else { continue }
            if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                consumed += 1
                rd_kafka_offset_store(message.pointee.rkt, message.pointee.partition, message.pointee.offset)
            }
            rd_kafka_message_destroy(message)
        }
        #expect(rd_kafka_commit(handle, nil, 0) == RD_KAFKA_RESP_ERR_NO_ERROR)
        return consumed
    }

    /// Serves the group protocol for a while (joins, heartbeats), reading nothing.
    func serve(untilAssigned: Bool, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let message = rd_kafka_consumer_poll(handle, 100) { rd_kafka_message_destroy(message) }
            var assignment: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
            rd_kafka_assignment(handle, &assignment)
            let assigned = (assignment?.pointee.cnt ?? 0) > 0
            if let assignment { rd_kafka_topic_partition_list_destroy(assignment) }
            if assigned == untilAssigned { return true }
        }
        return false
    }

    /// Commits offsets for partitions this client assigned itself (no membership, as a "simple" group does).
    func commit(_ topic: String, _ offsets: [Int32: Int64]) {
        let list = rd_kafka_topic_partition_list_new(Int32(offsets.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (partition, offset) in offsets { rd_kafka_topic_partition_list_add(list, topic, partition).pointee.offset = offset }
        #expect(rd_kafka_commit(handle, list, 0) == RD_KAFKA_RESP_ERR_NO_ERROR)
    }

    /// The partitions the group gave this member, as its own client holds them.
    func assignment() -> [Int] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        rd_kafka_assignment(handle, &list)
        guard let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return (0..<Int(list.pointee.cnt)).map { Int(list.pointee.elems[$0].partition) }
    }

    /// Leaves the group (LeaveGroup), as a consumer that shuts down does.
    func leave() { rd_kafka_consumer_close(handle) }

    /// The group's committed offsets, as the cluster answers OffsetFetch for this member's group.
    func committed(_ topic: String, partitions: [Int32]) -> [Int: Int64] {
        let list = rd_kafka_topic_partition_list_new(Int32(partitions.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions { rd_kafka_topic_partition_list_add(list, topic, partition) }
        #expect(rd_kafka_committed(handle, list, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR)
        var offsets: [Int: Int64] = [:]
        for index in 0..<Int(list.pointee.cnt) { offsets[Int(list.pointee.elems[index].partition)] = list.pointee.elems[index].offset }
        return offsets
    }
}

/// Checks `condition` until it holds or `seconds` run out: the cluster works in real time (joins, fetches).
func eventually(seconds: Double = 20, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return false
}
#endif
