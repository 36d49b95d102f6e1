import Dashboard
import SluiceModel
import Testing

/// The browse form on a backend with ids of its own (Redis's entry ids): the form offers them, and what
/// is typed is sent as the engine's id, untouched.
@Suite struct BrowseFormTests {
    static func press(_ keys: [Key], _ state: DashboardState, _ snapshot: SystemSnapshot) -> (DashboardState, [Effect]) {
        var state = state, effects: [Effect] = []
        for key in keys { (state, effects) = DashboardApp.update(state, .key(key), snapshot) }
        return (state, effects)
    }

    @Test func anEngineWithEntryIDsIsOfferedThemAndGetsTheTypedID() throws {
        var snapshot = Fixtures.checkout
        snapshot.capabilities.entryID = "entry id, like 1700000000000-0"
        let topic = try #require(snapshot.topics.first)
        let (opened, _) = Self.press([.char("b")], Fixtures.state(focus: .partitions, on: .partition(topic: topic.name, index: 1), snapshot), snapshot)
        guard case .form(let form) = opened.overlay else { Issue.record("no form"); return }
        #expect(form.fields.map(\.name) == ["topic", "partition", "from", "offset, time or id"])
        #expect(form.fields[2].choices == ["offset", "time", "id"])
        #expect(form.fields[3].hint.contains("entry id, like 1700000000000-0"))
        let keys: [Key] = [.tab, .tab, .right, .right, .tab] + "1700000000123-4".map { .char($0) } + [.enter]
        let (_, effects) = Self.press(keys, opened, snapshot)
        #expect(effects == [.send(.inspect(.partition(topic: topic.name, partition: 1, from: .entryID("1700000000123-4"))))])
    }

    @Test func anEngineWithoutIDsIsOfferedOffsetsAndTimesOnly() throws {
        let snapshot = Fixtures.checkout
        let (opened, _) = Self.press([.char("b")], Fixtures.state, snapshot)
        guard case .form(let form) = opened.overlay else { Issue.record("no form"); return }
        #expect(form.fields[2].choices == ["offset", "time"])
        #expect(form.fields[3].name == "offset or time")
        // The palette takes a time too.
        let typed = Palette.entries("inspect \(snapshot.topics[0].name) 0 90s", snapshot).first
        #expect(typed?.effect == .commands([.inspect(.partition(topic: snapshot.topics[0].name, partition: 0,
                                                                          from: .time(90 * NanosPerUnit.second)))]))
    }
}
