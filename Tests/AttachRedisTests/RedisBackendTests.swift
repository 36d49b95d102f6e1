#if Redis
import Foundation
import Testing
import AttachRedis
import SluiceModel
import AttachSupport

/// Each test builds its scenario in a database of its own on the live redis-server and compares every
/// figure the backend shows with what XINFO and XPENDING return.
@Suite(.serialized, .enabled(if: RedisTestServer.url != nil, Comment(rawValue: RedisTestServer.missing)))
struct RedisBackendTests {
    static let second = NanosPerUnit.second

    /// A group with pending, redelivered and idle consumers, and a dead-letter stream beside it.
    static func buildOrders(_ client: RedisTestClient) throws -> [String] {
        let ids = try client.addEntries("orders", count: 50)
        try client.run("XGROUP", "CREATE", "orders", "billing", "0")
        let first = try client.read("orders", group: "billing", consumer: "worker-1", count: 10)
        try client.runArray(["XACK", "orders", "billing"] + first.prefix(4))
        _ = try client.read("orders", group: "billing", consumer: "worker-2", count: 5)
        // Handing one of worker-1's entries to worker-2 counts a second delivery.
        try client.run("XCLAIM", "orders", "billing", "worker-2", "0", first[9])
        try client.run("XGROUP", "CREATECONSUMER", "orders", "billing", "worker-3")
        try client.run("XADD", "orders:dlq", "*", "n", "0", "reason", "seeded")
        return ids
    }

    @Test func everyFigureMatchesXinfoAndXpending() throws {
        let (url, client) = try RedisTestServer.database(1)
        let ids = try Self.buildOrders(client)
        let idleBefore = try client.pending("orders", group: "billing").map(\.idle).max() ?? 0
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        let snapshot = backend.snapshot()
        let pending = try client.pending("orders", group: "billing")
        #expect(snapshot.connectionProblem == nil)
        #expect(snapshot.source.description.hasPrefix("Redis 7"))

        let stream = try client.info("XINFO", "STREAM", "orders")
        let topic = try #require(snapshot.topics.first { $0.name == "orders" })
        let partition = try #require(topic.partitions.first)
        #expect(partition.logEndOffset == stream["entries-added"]?.integer)
        #expect(partition.retained == stream["length"]?.integer)
        #expect(topic.details.first { $0.label == "first id" }?.value == ids.first)
        #expect(topic.details.first { $0.label == "last id" }?.value == stream["last-generated-id"]?.text)
        #expect(snapshot.topics.map(\.name) == ["orders"], "the dead-letter stream is a queue, not a topic")

        let groups = try client.infoList("XINFO", "GROUPS", "orders")
        let billing = try #require(groups["billing"])
        let group = try #require(snapshot.groups.first { $0.id == GroupID("billing", stream: "orders") })
        #expect(group.totalLag == billing["lag"]?.integer)
        #expect(group.counters.delivered == billing["entries-read"]?.integer)
        #expect(group.details.first { $0.label == "last delivered id" }?.value == billing["last-delivered-id"]?.text)
        #expect(group.members.reduce(0) { $0 + $1.inFlight } == Int(billing["pending"]?.integer ?? -1))

        let consumers = try client.infoList("XINFO", "CONSUMERS", "orders", "billing")
        #expect(Set(group.members.map(\.id)) == Set(consumers.keys))
        for member in group.members {
            #expect(Int64(member.inFlight) == consumers[member.id]?["pending"]?.integer, "\(member.id)")
        }
        // Summary and extended XPENDING: 11 pending, one of them delivered twice (worker-2's claim).
        let summary = try #require(client.run("XPENDING", "orders", "billing").elements)
        let queue = try #require(snapshot.queues.first { $0.name == "orders/billing" })
        #expect(Int64(queue.inFlight) == summary[0].integer)
        #expect(queue.inFlight == 11)
        let redelivered = pending.filter { $0.deliveries > 1 }
        #expect(group.counters.redelivered == Int64(redelivered.count) && redelivered.count == 1)
        let stuck = try #require(group.members.first { $0.id == "worker-2" }?.stuck)
        #expect(Int64(stuck.attempt) == redelivered[0].deliveries)
        let stuckIndex = try #require(ids.firstIndex(of: redelivered[0].id))
        #expect(stuck.offset == Int64(stuckIndex))
        let idleAfter = pending.map(\.idle).max() ?? 0
        let shownIdle = try #require(queue.oldestUnackedAge) / NanosPerUnit.millisecond
        #expect(shownIdle >= idleBefore && shownIdle <= idleAfter)
        #expect(queue.attemptsHistogram == [Int64(pending.count - 1), 1])

        let dlq = try #require(snapshot.queues.first { $0.name == "orders:dlq" })
        let letters = try client.run("XLEN", "orders:dlq").integer
        #expect(dlq.deadLetterOf == ["orders"] && Int64(dlq.waiting) == letters)
        #expect(queue.deadLetterQueue == "orders:dlq")
    }

    @Test func namedStreamsOnlyAndAppendRates() throws {
        let (url, client) = try RedisTestServer.database(2)
        _ = try client.addEntries("clicks", count: 3)
        _ = try client.addEntries("other", count: 3)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url, streams: ["clicks"], pollInterval: Self.second))
        #expect(backend.snapshot().topics.map(\.name) == ["clicks"])
        _ = try client.addEntries("clicks", count: 10)
        // Half an interval does not poll; the second half does, one second of run time after the first poll.
        backend.advance(wallNanos: Self.second / 2)
        #expect(backend.snapshot().topics.first?.producedPerSecond == 0)
        backend.advance(wallNanos: Self.second / 2)
        #expect(backend.snapshot().topics.first?.producedPerSecond == 10)
        #expect(backend.snapshot().clock.now == Self.second)
    }

    @Test func scanFindsStreamsAcrossPolls() throws {
        let (url, client) = try RedisTestServer.database(3)
        for index in 0..<30 { _ = try client.addEntries("s\(index)", count: 1) }
        try client.run("SET", "not-a-stream", "x")
        // Ten keys a SCAN step: the streams arrive over a few polls, and only streams.
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url, scanCount: 10))
        let found = eventually(attempts: 20, pauseMillis: 0) {
            backend.pollNow()
            return backend.snapshot().topics.count == 30
        }
        #expect(found)
        #expect(!backend.snapshot().topics.contains { $0.name == "not-a-stream" })
        try client.run("DEL", "s0")
        let gone = eventually(attempts: 20, pauseMillis: 0) {
            backend.pollNow()
            return !backend.snapshot().topics.contains { $0.name == "s0" }
        }
        #expect(gone)
    }

    @Test func claimHandsIdleEntriesToAnotherConsumer() throws {
        let (url, client) = try RedisTestServer.database(4)
        _ = try client.addEntries("jobs", count: 5)
        try client.run("XGROUP", "CREATE", "jobs", "workers", "0")
        let taken = try client.read("jobs", group: "workers", consumer: "slow", count: 3)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        #expect(try eventually { try client.pending("jobs", group: "workers").allSatisfy { $0.idle >= 200 } })
        let outcome = try backend.claim(GroupID("workers", stream: "jobs"), for: "rescuer", minIdleMillis: 200)
        #expect(outcome == .done("claimed 3 entries of jobs/workers idle 200ms or more for rescuer"))
        let pending = try client.pending("jobs", group: "workers")
        #expect(pending.map(\.id) == taken)
        #expect(pending.allSatisfy { $0.consumer == "rescuer" && $0.deliveries == 2 })
        let group = try #require(backend.snapshot().groups.first)
        #expect(group.members.first { $0.id == "rescuer" }?.inFlight == 3)
        #expect(group.members.first { $0.id == "slow" }?.inFlight == 0)
    }

    @Test func setIDReplaysFromTheStartAnOffsetTheEndAndATime() throws {
        let (url, client) = try RedisTestServer.database(5)
        let ids = try client.addEntries("events", count: 20)
        try client.run("XGROUP", "CREATE", "events", "audit", "$")
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        #expect(backend.snapshot().groups.first?.totalLag == 0)

        #expect(backend.seekCount(group: GroupID("audit", stream: "events"), partition: nil, to: .earliest) == SeekCount(again: 20))
        guard case .done = backend.send(.seek(group: GroupID("audit", stream: "events"), partition: nil, to: .earliest)) else {
            Issue.record("seek to earliest failed"); return
        }
        var audit = try #require(try client.infoList("XINFO", "GROUPS", "events")["audit"])
        #expect(audit["lag"]?.integer == 20 && audit["last-delivered-id"]?.text == "0-0")
        #expect(backend.snapshot().groups.first?.totalLag == 20)
        #expect(try client.read("events", group: "audit", consumer: "c", count: 100) == ids)
        backend.pollNow()

        #expect(backend.seekCount(group: GroupID("audit", stream: "events"), partition: nil, to: .offset(15)) == SeekCount(again: 5))
        _ = backend.send(.seek(group: GroupID("audit", stream: "events"), partition: nil, to: .offset(15)))
        audit = try #require(try client.infoList("XINFO", "GROUPS", "events")["audit"])
        #expect(audit["lag"]?.integer == 5 && audit["last-delivered-id"]?.text == ids[14])
        #expect(try client.read("events", group: "audit", consumer: "c", count: 100) == Array(ids[15...]))

        // Entries at known times, after everything so far: a replay to a time starts at the first at or after it.
        let base = (backend.epochAtStart / NanosPerUnit.millisecond) + 60_000
        let timed = try (0..<4).map { try client.run("XADD", "events", "\(base + Int64($0) * 1000)-0", "n", "t\($0)").text ?? "" }
        backend.pollNow()
        let runTime = (base + 2000) * NanosPerUnit.millisecond - backend.epochAtStart
        #expect(backend.seekCount(group: GroupID("audit", stream: "events"), partition: nil, to: .time(runTime)) == SeekCount(skipped: 2))
        _ = backend.send(.seek(group: GroupID("audit", stream: "events"), partition: nil, to: .time(runTime)))
        audit = try #require(try client.infoList("XINFO", "GROUPS", "events")["audit"])
        #expect(audit["lag"]?.integer == 2)
        #expect(try client.read("events", group: "audit", consumer: "c", count: 100) == Array(timed[2...]))

        _ = backend.send(.seek(group: GroupID("audit", stream: "events"), partition: nil, to: .latest))
        audit = try #require(try client.infoList("XINFO", "GROUPS", "events")["audit"])
        #expect(audit["lag"]?.integer == 0 && audit["last-delivered-id"]?.text == timed.last)
        #expect(backend.snapshot().groups.first?.totalLag == 0)
    }

    @Test func skippingAStuckEntryMovesItToTheDeadLetterStream() throws {
        let (url, client) = try RedisTestServer.database(6)
        let ids = try Self.buildOrders(client)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        let group = try #require(backend.snapshot().groups.first { $0.id == GroupID("billing", stream: "orders") })
        let stuck = try #require(group.members.first { $0.id == "worker-2" }?.stuck)
        let stuckID = ids[Int(stuck.offset)]
        let lettersBefore = try client.run("XLEN", "orders:dlq").integer ?? -1

        let outcome = backend.send(.skip(group: GroupID("billing", stream: "orders"), partition: PartitionRef(topic: "orders", partition: 0), offset: stuck.offset))
        guard case .done(let text) = outcome else { Issue.record("\(outcome)"); return }
        #expect(text.contains("moved orders entry \(stuckID) (2 deliveries to worker-2) to orders:dlq"))
        #expect(try client.run("XLEN", "orders:dlq").integer == lettersBefore + 1)
        let stillPending = try client.pending("orders", group: "billing")
        #expect(!stillPending.contains { $0.id == stuckID })
        let letter = try #require(RedisEntry.entries(try client.run("XREVRANGE", "orders:dlq", "+", "-", "COUNT", "1")).first)
        #expect(letter.value(of: "n") == Array("\(Int(stuck.offset) + 1)".utf8))
        #expect(letter.value(of: "dlq-id") == Array(stuckID.utf8))
        #expect(letter.value(of: "dlq-deliveries") == Array("2".utf8))
        let snapshot = backend.snapshot()
        #expect(snapshot.queues.first { $0.name == "orders:dlq" }?.waiting == Int(lettersBefore + 1))
        #expect(snapshot.events.last?.kind == .deadLetter)

        backend.send(.inspect(.queue(name: "orders:dlq")))
        let letters = try #require(backend.snapshot().inspection?.messages)
        let newest = try client.run("XREVRANGE", "orders:dlq", "+", "-", "COUNT", "1").elements?.first?.elements?.first?.text
        #expect(letters.last?.messageId == newest)
        #expect(letters.last?.deliveryCount == 2 && letters.last?.state == .deadLettered)
    }

    @Test func publishAndBrowse() throws {
        let (url, client) = try RedisTestServer.database(7)
        _ = try client.addEntries("feed", count: 120)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        let outcome = backend.send(.publish(target: "feed", key: "k-1", value: Array("kind=signup plan=pro".utf8),
                                            headers: [], messageId: nil))
        guard case .done = outcome else { Issue.record("\(outcome)"); return }
        let last = try #require(RedisEntry.entries(try client.run("XREVRANGE", "feed", "+", "-", "COUNT", "1")).first)
        #expect(last.fields.map { String(decoding: $0.name, as: UTF8.self) } == ["key", "kind", "plan"])
        #expect(last.value(of: "plan") == Array("pro".utf8))
        #expect(backend.snapshot().topics.first?.partitions.first?.logEndOffset == 121)

        backend.send(.inspect(.partition(topic: "feed", partition: 0, fromOffset: 10)))
        let page = try #require(backend.snapshot().inspection)
        let expected = try client.run("XRANGE", "feed", "-", "+", "COUNT", "110").elements?.dropFirst(10).compactMap { $0.elements?.first?.text }
        #expect(page.messages.compactMap(\.messageId) == expected)
        #expect(page.messages.first?.offset == 10 && page.messages.last?.offset == 109)
        #expect(page.total == 121 && page.before == 10 && page.hasMore)
        // Near the end the page comes from the end.
        backend.send(.inspect(.partition(topic: "feed", partition: 0, fromOffset: 118)))
        #expect(backend.snapshot().inspection?.messages.map(\.offset) == [118, 119, 120])
        #expect(backend.snapshot().inspection?.messages.last?.key == Array("k-1".utf8))
        // An explicit id that is not after the last one is refused with Redis's reason.
        guard case .failed(let reason) = backend.send(.publish(target: "feed", key: nil, value: Array("x".utf8), headers: [],
                                                               messageId: "1-1")) else {
            Issue.record("an id behind the stream's top was accepted"); return
        }
        #expect(reason.contains("equal or smaller"))
    }

    @Test func thePendingListInspectsWithDeliveriesAndIdleTimes() throws {
        let (url, client) = try RedisTestServer.database(8)
        _ = try Self.buildOrders(client)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        backend.send(.inspect(.queue(name: "orders/billing")))
        let inspection = try #require(backend.snapshot().inspection)
        let pending = try client.pending("orders", group: "billing")
        #expect(inspection.messages.compactMap(\.messageId) == pending.map(\.id))
        #expect(inspection.messages.map { Int64($0.deliveryCount ?? 0) } == pending.map(\.deliveries))
        #expect(inspection.messages.allSatisfy { $0.state == .inFlight })
        #expect(inspection.total == pending.count)
    }

    @Test func removingAConsumerTakesOnlyAnIdleOneWithNothingPending() throws {
        let (url, client) = try RedisTestServer.database(9)
        _ = try Self.buildOrders(client)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        let outcome = backend.send(.removeInstance(consumer: "billing"))
        guard case .done(let text) = outcome else { Issue.record("\(outcome)"); return }
        #expect(text.hasPrefix("deleted consumer worker-3 from orders/billing"))
        let left = try client.infoList("XINFO", "CONSUMERS", "orders", "billing")
        #expect(Set(left.keys) == ["worker-1", "worker-2"])
        guard case .failed(let refusal) = backend.send(.removeInstance(consumer: "billing")) else {
            Issue.record("a consumer with pending entries was deleted"); return
        }
        #expect(refusal.contains("every consumer of orders/billing has pending entries"))
        #expect(throws: AttachError.self) { try backend.deleteConsumer(GroupID("billing", stream: "orders"), consumer: "worker-1") }
        #expect(try client.infoList("XINFO", "CONSUMERS", "orders", "billing").count == 2)
    }

    @Test func readOnlyRefusesEveryChangeAndPauseSaysWhy() throws {
        let (url, client) = try RedisTestServer.database(10)
        _ = try Self.buildOrders(client)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url, readOnly: true))
        let commands: [Command] = [
            .publish(target: "orders", key: nil, value: [1], headers: [], messageId: nil),
            .seek(group: GroupID("billing", stream: "orders"), partition: nil, to: .earliest),
            .removeInstance(consumer: "billing"),
        ]
        for command in commands { #expect(backend.send(command) == .failed("attached with --read-only")) }
        #expect(try client.run("XLEN", "orders").integer == 50)
        #expect(backend.send(.pause(consumers: .group(GroupID("billing", stream: "orders")), member: nil))
                == .failed("Redis cannot pause a consumer: a consumer reads when its own client calls XREADGROUP"))
    }

    @Test func aStalledServerShowsAsAConnectionProblemWithinTheTimeout() throws {
        let (url, client) = try RedisTestServer.database(11)
        _ = try client.addEntries("ticks", count: 1)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url, timeoutMillis: 500))
        #expect(backend.snapshot().connectionProblem == nil)
        // The server answers nobody for 1.5 s; a poll gives up after the 500 ms timeout instead of waiting it out.
        try client.run("CLIENT", "PAUSE", "1500", "ALL")
        let started = Date()
        backend.pollNow()
        let took = Date().timeIntervalSince(started)
        let problem = try #require(backend.snapshot().connectionProblem)
        #expect(problem.contains("timed out"), "\(problem)")
        #expect(took < 1.4, "a poll took \(took) s")
        #expect(try eventually(attempts: 100, pauseMillis: 50) {
            backend.pollNow()
            return backend.snapshot().connectionProblem == nil
        })
        #expect(backend.snapshot().events.contains { $0.text.hasPrefix("connected again") })
    }

    @Test func anUnreachableServerIsRefusedInWords() {
        #expect {
            _ = try RedisBackend(options: RedisConnectionOptions(url: "redis://127.0.0.1:1"))
        } throws: { error in
            (error as? AttachError)?.message.contains("cannot connect to redis://127.0.0.1:1") == true
        }
    }
}
#endif
