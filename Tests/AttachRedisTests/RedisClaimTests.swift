#if Redis
import Testing
import AttachRedis
import Dashboard
import SluiceModel

/// The dashboard's claim (`c`) against the live redis-server: the command hands only the entries idle long
/// enough to the named consumer, as XPENDING then reports.
@Suite(.serialized, .enabled(if: RedisTestServer.url != nil, Comment(rawValue: RedisTestServer.missing)))
struct RedisClaimTests {
    @Test func theClaimCommandTakesOnlyEntriesIdleLongEnough() throws {
        let (url, client) = try RedisTestServer.database(23)
        _ = try client.addEntries("jobs", count: 8)
        try client.run("XGROUP", "CREATE", "jobs", "workers", "0")
        let stuck = try client.read("jobs", group: "workers", consumer: "gone", count: 3)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        #expect(backend.snapshot().capabilities.reasonUnavailable(.claim) == nil)
        #expect(try eventually { try client.pending("jobs", group: "workers").allSatisfy { $0.idle >= 1000 } })
        // Read just now: far from a second idle, so not claimed.
        let fresh = try client.read("jobs", group: "workers", consumer: "busy", count: 2)
        let outcome = backend.send(.claim(group: GroupID("workers", stream: "jobs"), consumer: "rescuer", minIdle: NanosPerUnit.second))
        #expect(outcome == .done("claimed 3 entries of jobs/workers idle 1s or more for rescuer"))
        let pending = try client.pending("jobs", group: "workers")
        #expect(pending.filter { $0.consumer == "rescuer" }.map(\.id) == stuck)
        #expect(pending.filter { $0.consumer == "rescuer" }.allSatisfy { $0.deliveries == 2 })
        #expect(pending.filter { $0.consumer == "busy" }.map(\.id) == fresh)
        let snapshot = backend.snapshot()
        let group = try #require(snapshot.groups.first { $0.id == GroupID("workers", stream: "jobs") })
        #expect(group.members.first { $0.id == "rescuer" }?.inFlight == 3)
        #expect(group.members.first { $0.id == "gone" }?.inFlight == 0)
        #expect(snapshot.events.last?.text == "claimed 3 entries of jobs/workers idle 1s or more for rescuer")
        // Nothing idle that long any more: nothing claimed, and said so.
        #expect(backend.send(.claim(group: GroupID("workers", stream: "jobs"), consumer: "rescuer", minIdle: 60 * NanosPerUnit.second))
                == .done("claimed 0 entries of jobs/workers idle 1m or more for rescuer"))
        #expect(backend.send(.claim(group: GroupID("nobody", stream: "jobs"), consumer: "rescuer", minIdle: 0)) == .failed("no consumer group jobs/nobody"))
    }

    /// A group with nothing pending has nothing to hand to another consumer: `c` on its row says so before any
    /// form, as the server's own pending count has it; once an entry is pending, `c` opens the claim form.
    @Test func aGroupWithNothingPendingRefusesAClaimOnItsRow() throws {
        let (url, client) = try RedisTestServer.database(25)
        _ = try client.addEntries("jobs", count: 4)
        try client.run("XGROUP", "CREATE", "jobs", "workers", "0")
        let group = GroupID("workers", stream: "jobs")
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url))
        #expect(try client.pending("jobs", group: "workers").isEmpty)
        let reason = "nothing is pending in jobs/workers: every entry it was handed is acknowledged, so none waits for another consumer"
        #expect(backend.snapshot().capabilities.availability(.claim, on: .group(group)) == .unavailable(reason))
        #expect(backend.send(.claim(group: group, consumer: "rescuer", minIdle: 0)) == .failed(reason))
        var session = DashboardSession(backend: backend, state: DashboardState(themeNames: ["default"]))
        session.press([.tab, .char("g")])
        #expect(session.state.selectedItem(.groups, session.snapshot) == .group(.group(group)))
        session.press(.char("c"))
        #expect(session.state.overlay == .none)
        #expect(session.state.status?.text.hasSuffix(": unavailable on jobs/workers: " + reason) == true, "\(session.state.status?.text ?? "")")

        _ = try client.read("jobs", group: "workers", consumer: "gone", count: 2)
        backend.pollNow()
        #expect(try client.pending("jobs", group: "workers").count == 2)
        #expect(backend.snapshot().capabilities.availability(.claim, on: .group(group)) == .available)
        session.advance(wallNanos: 0)
        session.press(.char("c"))
        guard case .form(let form) = session.state.overlay else { Issue.record("c opens no claim form"); return }
        #expect(form.value("group") == "jobs/workers")
    }

    @Test func readOnlyRefusesAClaimAndTheWordingIsRedis() throws {
        let (url, client) = try RedisTestServer.database(24)
        _ = try client.addEntries("jobs", count: 2)
        try client.run("XGROUP", "CREATE", "jobs", "workers", "0")
        _ = try client.read("jobs", group: "workers", consumer: "gone", count: 2)
        let backend = try RedisBackend(options: RedisConnectionOptions(url: url, readOnly: true))
        #expect(backend.send(.claim(group: GroupID("workers", stream: "jobs"), consumer: "rescuer", minIdle: 0)) == .failed("attached with --read-only"))
        #expect(try client.pending("jobs", group: "workers").allSatisfy { $0.consumer == "gone" })
        let capabilities = backend.snapshot().capabilities
        #expect(capabilities.words(for: .skipStuck).verb == "Dead-letter")
        #expect(capabilities.words(for: .removeInstance).consequence.contains("XGROUP DELCONSUMER"))
    }
}
#endif
