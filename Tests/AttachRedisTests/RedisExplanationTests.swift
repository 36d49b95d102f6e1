#if Redis
import Dashboard
import Testing
import AttachRedis
import SluiceModel

/// `e` on a Redis attach: every row with a number on every panel explains it, and each explanation names the
/// Redis figures (XINFO, XPENDING) it comes from; the numbers in it are the server's.
@Suite(.serialized, .enabled(if: RedisTestServer.url != nil, Comment(rawValue: RedisTestServer.missing)))
struct RedisExplanationTests {
    /// What an origin must name: a figure Redis reports, or that Redis keeps no such figure.
    static let redisFigures = ["XINFO", "XPENDING", "entries-added", "not a Redis"]

    @Test func everyFigureOnEveryPanelIsTracedToRedisFigures() throws {
        let (url, client) = try RedisTestServer.database(12)
        _ = try RedisBackendTests.buildOrders(client)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        _ = backend.send(.inspect(.partition(topic: "orders", partition: 0, from: .offset(0))))
        let snapshot = backend.snapshot()
        #expect(snapshot.source.figureOrigins?.reporter == "the Redis server")

        #expect(Explainer.untracedFigures(snapshot, naming: Self.redisFigures) == [])
        let explainedPanels = Set(Explainer.everyRow(snapshot).filter { $0.explained != nil }.map(\.panel.rawValue))
        #expect(explainedPanels.isSuperset(of: ["partitions", "groups", "throughput", "retries", "queues", "inspector"]))

        // The pending list's figures are the server's own.
        let groups = try client.infoList("XINFO", "GROUPS", "orders")
        let pending = try #require(groups["billing"]?["pending"]?.integer)
        let queue = try #require(Explainer.explain(.queues, .queue("orders/billing"), snapshot))
        #expect(queue.facts.contains { $0.contains("in flight \(pending)") }, "\(queue.facts)")
    }
}
#endif
