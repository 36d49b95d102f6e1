#if Redis
import Testing
import AttachRedis
import SluiceModel

/// Browsing and replaying a stream from a time or an entry id, against the live redis-server: the first
/// entry shown, its offset and the group's position are compared with what XRANGE and XINFO say.
@Suite(.serialized, .enabled(if: RedisTestServer.url != nil, Comment(rawValue: RedisTestServer.missing)))
struct RedisBrowseFromTests {
    /// `count` entries one second apart from a minute after the attach, with explicit ids.
    static func timedEntries(_ client: RedisTestClient, _ backend: RedisBackend, count: Int) throws -> (base: Int64, ids: [String]) {
        let base = backend.epochAtStart / NanosPerUnit.millisecond + 60_000
        let ids = try (0..<count).map { try client.run("XADD", "ticks", "\(base + Int64($0) * 1000)-0", "n", "\($0)").text ?? "" }
        backend.pollNow()
        return (base, ids)
    }

    @Test func browsingFromATimeStartsAtTheFirstEntryAtOrAfterIt() throws {
        let (url, client) = try RedisTestServer.database(20)
        _ = try client.addEntries("ticks", count: 5)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        let (base, ids) = try Self.timedEntries(client, backend, count: 30)
        // Half a second after entry 10: entry 11 is the first at or after it, at offset 5 + 11.
        let runTime = (base + 10_500) * NanosPerUnit.millisecond - backend.epochAtStart
        let outcome = backend.send(.inspect(.partition(topic: "ticks", partition: 0, from: .time(runTime))))
        guard case .done(let text) = outcome else { Issue.record("\(outcome)"); return }
        #expect(text.contains("from offset 16 (entry \(ids[11]))"))
        let page = try #require(backend.snapshot().inspection)
        let expected = try client.run("XRANGE", "ticks", "\(base + 10_500)", "+").elements?.compactMap { $0.elements?.first?.text }
        #expect(page.messages.compactMap(\.messageId) == expected)
        #expect(page.messages.first?.offset == 16 && page.messages.last?.offset == 34)
        #expect(page.before == 16 && page.total == 35)
        // Shown on the run's clock: a minute and eleven seconds after the attach.
        #expect(page.messages.first?.timestamp == (base + 11_000) * NanosPerUnit.millisecond - backend.epochAtStart)
        // After the last entry: an empty page at the end.
        backend.send(.inspect(.partition(topic: "ticks", partition: 0, from: .time(runTime + 60 * NanosPerUnit.second))))
        #expect(backend.snapshot().inspection?.messages.isEmpty == true)
        #expect(backend.snapshot().inspection?.before == 35)
    }

    @Test func browsingFromAnEntryIDStartsThereOrJustAfter() throws {
        let (url, client) = try RedisTestServer.database(21)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        let (base, ids) = try Self.timedEntries(client, backend, count: 20)
        #expect(backend.snapshot().capabilities.entryID != nil)
        backend.send(.inspect(.partition(topic: "ticks", partition: 0, from: .entryID(ids[7]))))
        var page = try #require(backend.snapshot().inspection)
        #expect(page.messages.first?.messageId == ids[7] && page.messages.first?.offset == 7)
        #expect(page.messages.count == 13)
        // An id between two entries starts at the next one; a bare millisecond time is an id too.
        backend.send(.inspect(.partition(topic: "ticks", partition: 0, from: .entryID("\(base + 7000)-5"))))
        page = try #require(backend.snapshot().inspection)
        #expect(page.messages.first?.messageId == ids[8] && page.messages.first?.offset == 8)
        backend.send(.inspect(.partition(topic: "ticks", partition: 0, from: .entryID("\(base + 3000)"))))
        #expect(backend.snapshot().inspection?.messages.first?.messageId == ids[3])
        // Text that is no entry id is refused in words, and the page stays.
        let refused = backend.send(.inspect(.partition(topic: "ticks", partition: 0, from: .entryID("yesterday"))))
        #expect(refused == .failed("'yesterday' is not a Redis entry id: expected MILLISECONDS-SEQUENCE, like 1700000000000-0"))
        #expect(backend.snapshot().inspection?.messages.first?.messageId == ids[3])
    }

    @Test func replayingToAnEntryIDSetsTheGroupJustBeforeIt() throws {
        let (url, client) = try RedisTestServer.database(22)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        let (_, ids) = try Self.timedEntries(client, backend, count: 12)
        try client.run("XGROUP", "CREATE", "ticks", "audit", "$")
        backend.pollNow()
        #expect(backend.seekCount(group: GroupID("audit", stream: "ticks"), partition: nil, to: .entryID(ids[4])) == SeekCount(again: 8))
        let outcome = backend.send(.seek(group: GroupID("audit", stream: "ticks"), partition: nil, to: .entryID(ids[4])))
        guard case .done = outcome else { Issue.record("\(outcome)"); return }
        let audit = try #require(try client.infoList("XINFO", "GROUPS", "ticks")["audit"])
        #expect(audit["lag"]?.integer == 8)
        #expect(try client.read("ticks", group: "audit", consumer: "c", count: 100) == Array(ids[4...]))
    }
}
#endif
