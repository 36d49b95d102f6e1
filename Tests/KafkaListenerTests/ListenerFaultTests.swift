import Broker
import Foundation
import KafkaListener
import KafkaProtocol
import SluiceModel
import Testing

/// The listener's faults, switched as the dashboard switches them (`Command.setOutage` on the fault's name),
/// and what real clients do in answer.
@Suite(.serialized) struct ListenerFaultTests {
    typealias Served = RealClientSnapshotTests.Served

    static func switchFault(_ served: Served, _ fault: ListenerFault, on: Bool) throws -> String {
        let outcome = served.backend.send(.setOutage(downstream: fault.name, down: on))
        guard case .done(let said) = outcome else { throw Failure(description: "\(fault.name): \(outcome)") }
        return said
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func totalRecords(_ broker: Broker, _ topic: String) throws -> Int64 {
        let handle = try broker.topic(topic)
        return try (0..<handle.partitionCount).reduce(Int64(0)) { $0 + (try handle.logEndOffset(partition: $1)) }
    }

    @Test(.timeLimit(.minutes(2)))
    func anIdempotentProducerRetriesThroughNotLeaderOrFollowerAndStoresEachRecordOnce() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try ClientDriver(bootstrap: served.bootstrap, topic: "orders", group: "faulty", clientId: "retrier")
        defer { client.close() }
        #expect(try client.send("produce 10") == "produced 10")
        let said = try Self.switchFault(served, .failing(.produce), on: true)
        #expect(said == "30% of produce requests get NOT_LEADER_OR_FOLLOWER")
        #expect(try client.send("produce 300") == "produced 300", "the producer retried until every record was in")
        let failed = served.listener.faults.failedCount(.produce)
        #expect(failed > 0, "some produce requests were failed on purpose")
        #expect(try Self.totalRecords(served.broker, "orders") == 310, "each record stored once")
        let row = try #require(served.backend.snapshot().breakers.first { $0.name == ListenerFault.failing(.produce).name })
        #expect(row.isFault && row.state == .open && row.rejectedCalls == failed)
        #expect(try Self.switchFault(served, .failing(.produce), on: false) == "produce requests answered again (\(failed) failed on purpose)")
        #expect(served.backend.snapshot().events.contains { $0.kind == .fault && $0.text.contains("NOT_LEADER_OR_FOLLOWER: on") })
    }

    @Test(.timeLimit(.minutes(2)))
    func aConsumerFetchesThroughRequestTimedOutAndReadsEveryRecordOnce() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try ClientDriver(bootstrap: served.bootstrap, topic: "orders", group: "slow", clientId: "refetcher")
        defer { client.close() }
        _ = try Self.switchFault(served, .failing(.fetch), on: true)
        #expect(try client.send("produce 200") == "produced 200")
        #expect(try client.wait(for: 200) == 200)
        #expect(served.listener.faults.failedCount(.fetch) > 0)
        _ = try Self.switchFault(served, .failing(.fetch), on: false)
    }

    @Test(.timeLimit(.minutes(1)))
    func addedLatencyHoldsEveryResponseAndSwitchingItOffEndsIt() throws {
        let served = try Served()
        defer { served.listener.stop() }
        #expect(try Self.switchFault(served, .latency, on: true) == "every response waits 250 ms")
        let slow = try Self.timedApiVersions(port: served.listener.port)
        #expect(slow >= .milliseconds(250))
        _ = try Self.switchFault(served, .latency, on: false)
        let quick = try Self.timedApiVersions(port: served.listener.port)
        #expect(quick < .milliseconds(250))
    }

    /// How long one ApiVersions request takes to be answered over a fresh connection.
    static func timedApiVersions(port: Int) throws -> Duration {
        let client = try ListenerSocketTests.RawClient(port: port)
        defer { client.close() }
        var header = RequestHeader()
        header.requestApiKey = KafkaApiKey.apiVersions.rawValue
        header.requestApiVersion = 0
        header.correlationId = 7
        header.clientId = "timer"
        let frame = try KafkaFrame.encodeRequest(header: header, body: ApiVersionsRequest())
        let started = ContinuousClock.now
        client.send(ListenerSocketTests.sizePrefixed(frame))
        var buffer = [UInt8](repeating: 0, count: 4)
        let count = buffer.withUnsafeMutableBytes { recv(client.socket, $0.baseAddress, 4, 0) }
        try #require(count > 0, "an answer came")
        return ContinuousClock.now - started
    }

    @Test(.timeLimit(.minutes(2)))
    func closingEveryConnectionIsSurvivedByARealClient() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try ClientDriver(bootstrap: served.bootstrap, topic: "orders", group: "reconnects", clientId: "survivor")
        defer { client.close() }
        #expect(try client.send("produce 20") == "produced 20")
        #expect(try client.wait(for: 20) == 20)
        let said = try Self.switchFault(served, .closeConnections, on: true)
        let closed = Int(said.split(separator: " ")[1]) ?? 0
        #expect(said.hasPrefix("closed ") && closed >= 2, "the producer's and the consumer's connections: \(said)")
        #expect(try client.send("produce 20") == "produced 20", "the client reconnected")
        #expect(try client.wait(for: 40) == 40)
        let events = served.backend.snapshot().events.map(\.text)
        #expect(events.contains { $0.hasSuffix("disconnected") } && events.contains { $0.hasSuffix("connected") })
    }

    @Test(.timeLimit(.minutes(2)))
    func ignoredHeartbeatsEndTheMembersSessionAndAnsweringThemLetsItRejoin() throws {
        let served = try Served()
        defer { served.listener.stop() }
        let client = try ClientDriver(bootstrap: served.bootstrap, topic: "orders", group: "silenced", clientId: "patient")
        defer { client.close() }
        #expect(try client.send("produce 5") == "produced 5")
        #expect(try client.wait(for: 5) == 5)
        _ = try client.state("commit")
        let group = try #require(served.broker.clientGroups.existing("silenced"))
        let before = try #require(group.describe().members.first?.memberId)
        _ = try Self.switchFault(served, .ignoreHeartbeats(group: "silenced"), on: true)
        // The session is 6 s (the driver's session.timeout.ms): unanswered heartbeats do not keep it.
        #expect(KcatTests.eventually(seconds: 30) {
            served.backend.snapshot().events.contains { $0.text.contains("member \(before) (client patient) missed its session timeout") }
        })
        _ = try Self.switchFault(served, .ignoreHeartbeats(group: "silenced"), on: false)
        #expect(KcatTests.eventually(seconds: 30) {
            let members = group.describe().members
            return group.describe().phase == .stable && members.count == 1 && members[0].memberId != before
        }, "it rejoined under a new id: \(group.describe())")
        #expect(try client.send("produce 5") == "produced 5")
        #expect(try client.wait(for: 10) == 10, "after rejoining it reads on from its committed offsets")
    }
}

/// A long-polling fetch over a real socket is answered with the record an append brings, long before its wait ends.
@Suite struct FetchWakeTests {
    @Test(.timeLimit(.minutes(1)))
    func aWaitingFetchIsAnsweredByTheAppend() throws {
        let broker = Broker(clock: MonotonicClock())
        let orders = try broker.createTopic("orders", partitions: 1)
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
        defer { listener.stop() }
        let client = try ListenerSocketTests.RawClient(port: listener.port)
        defer { client.close() }
        var fetch = FetchRequest()
        fetch.maxWaitMs = 30_000
        fetch.minBytes = 1
        fetch.maxBytes = 1 << 20
        var topic = FetchRequest.FetchTopic()
        topic.topic = "orders"
        var partition = FetchRequest.FetchPartition()
        partition.partition = 0
        partition.fetchOffset = 0
        partition.partitionMaxBytes = 1 << 20
        topic.partitions = [partition]
        fetch.topics = [topic]
        var header = RequestHeader()
        header.requestApiKey = KafkaApiKey.fetch.rawValue
        header.requestApiVersion = 4
        header.correlationId = 1
        header.clientId = "waiter"
        client.send(ListenerSocketTests.sizePrefixed(try KafkaFrame.encodeRequest(header: header, body: fetch)))
        let started = ContinuousClock.now
        _ = try orders.append([ProducerRecord(value: Array("woken".utf8))], toPartition: 0)
        var size = [UInt8](repeating: 0, count: 4)
        let count = size.withUnsafeMutableBytes { recv(client.socket, $0.baseAddress, 4, Int32(MSG_WAITALL)) }
        try #require(count == 4, "an answer came (the socket waits 5 s at most)")
        #expect(ContinuousClock.now - started < .seconds(5), "not the 30 s wait")
        let length = Int(size.withUnsafeBytes { $0.load(as: Int32.self).bigEndian })
        var body = [UInt8](repeating: 0, count: length)
        let read = body.withUnsafeMutableBytes { recv(client.socket, $0.baseAddress, length, Int32(MSG_WAITALL)) }
        try #require(read == length)
        let (_, response) = try KafkaFrame.decodeResponse(body, api: .fetch, version: 4)
        let records = try #require((response as? FetchResponse)?.responses.first?.partitions.first?.records)
        #expect(try KafkaRecordBatch.decodeAll(records).flatMap(\.records).map(\.value) == [Array("woken".utf8)])
    }
}
