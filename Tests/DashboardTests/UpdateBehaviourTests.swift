import Dashboard
import SluiceModel
import Testing

/// What `update` does beyond one key per binding: read-only mode, capabilities, forms, inputs from the loop.
@Suite struct UpdateBehaviourTests {
    let snapshot = Fixtures.checkout

    func press(_ keys: [Key], from state: DashboardState, _ snapshot: SystemSnapshot = Fixtures.checkout)
        -> (DashboardState, [Command]) {
        var state = state
        var all: [Command] = []
        for key in keys {
            let (next, commands) = DashboardApp.update(state, .key(key), snapshot)
            state = next
            all += commands.commands
        }
        return (state, all)
    }

    @Test func readOnlyDisablesEveryActionButTimeControlAndSaysSo() {
        var start = Fixtures.state(focus: .groups, on: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"))
        start.readOnly = true
        for binding in KeyMap.bindings where binding.context == .normal && binding.kind != nil
            && !KeyMap.readOnlyActions.contains(binding.action) {
            guard case .key(let key) = binding.keys[0] else { continue }
            let (state, commands) = press([key], from: start)
            #expect(commands.isEmpty, "\(binding.action) sent commands in read-only mode")
            #expect(state.overlay == .none, "\(binding.action) opened an overlay in read-only mode")
            #expect(state.status?.tone == .failure && state.status?.text.contains("read-only") == true)
        }
    }

    @Test func readOnlyStillBrowses() {
        var start = Fixtures.state(focus: .queues, on: .queue("emails"))
        start.readOnly = true
        let (state, commands) = press([.enter], from: start)
        #expect(commands == [.inspect(.queue(name: "emails"))])
        #expect(state.focus == .inspector)
    }

    @Test func anUnavailableActionShowsTheBackendsReason() {
        let start = Fixtures.state(focus: .groups, on: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"))
        let (state, commands) = press([.char("p")], from: start, Fixtures.limited)
        #expect(commands.isEmpty)
        #expect(state.status?.text.contains("Kafka cannot pause a remote group") == true)
    }

    @Test func pausingAPausedMemberResumesIt() {
        let start = Fixtures.state(focus: .groups, on: .member(group: .group(GroupID("analytics", stream: "orders")), member: "analytics/1"))
        #expect(press([.char("p")], from: start).1 == [.resume(consumers: .group(GroupID("analytics", stream: "orders")), member: "analytics/1")])
    }

    @Test func pausingAGroupRowPausesTheWholeGroup() {
        let start = Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))))
        #expect(press([.char("p")], from: start).1 == [.pause(consumers: .group(GroupID("billing", stream: "orders")), member: nil)])
    }

    @Test func aCrashedInstanceRestartsWithoutAsking() {
        let start = Fixtures.state(focus: .groups, on: .member(group: .group(GroupID("inventory", stream: "orders")), member: "inventory/2"))
        let (state, commands) = press([.char("x")], from: start)
        #expect(commands == [.restart(instance: "inventory/2")])
        #expect(state.overlay == .none)
    }

    @Test func replayConfirmationCarriesTheRequest() throws {
        let start = Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))))
        // group stays; partition all → 0 → 1 → 2; position earliest → latest → offset; type 0; submit.
        let (state, commands) = press([.char("r"), .down, .right, .right, .right, .down, .right, .right,
                                       .down, .char("0"), .enter], from: start)
        #expect(commands.isEmpty)
        let request = try #require(state.pendingReplay)
        #expect(request == ReplayRequest(group: GroupID("billing", stream: "orders"), partition: PartitionRef(topic: "orders", partition: 2), position: .offset(0)))
        let (confirmed, sent) = press([.char("y")], from: state)
        #expect(sent == [.seek(group: GroupID("billing", stream: "orders"), partition: PartitionRef(topic: "orders", partition: 2), to: .offset(0))])
        #expect(confirmed.overlay == .none)
    }

    @Test func theBackendsReplayCountReplacesTheEstimate() throws {
        let start = Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))))
        let (asking, _) = press([.char("r"), .down, .down, .left, .down] + "12.5".map { .char($0) } + [.enter], from: start)
        #expect(asking.pendingReplay?.position == .time(12_500_000_000))
        #expect(asking.pendingReplay?.estimatedCount(snapshot) == nil)
        let (answered, _) = DashboardApp.update(asking, .seekCount(SeekCount(again: 321, skipped: 4), for: try #require(asking.pendingReplay)), snapshot)
        guard case .confirm(let confirmation) = answered.overlay else { Issue.record("no confirmation"); return }
        #expect(confirmation.backendCount == SeekCount(again: 321, skipped: 4))
        #expect(Fixtures.render(answered, width: 160, height: 48).contains("This seek: 321 records consumed again, skips 4 records."))
    }

    @Test func aReplayConfirmationAsksTheBackendOnceAndIgnoresAnswersAboutAnotherReplay() throws {
        let start = Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))))
        let (form, _) = press([.char("r"), .down, .down, .left, .down] + "12.5".map { .char($0) }, from: start)
        let (asking, effects) = DashboardApp.update(form, .key(.enter), snapshot)
        let request = try #require(asking.pendingReplay)
        #expect(effects == [.countSeek(request)])
        // Typing in the confirmation does not ask again.
        #expect(DashboardApp.update(asking, .key(.char("z")), snapshot).1.isEmpty)
        var other = request
        other.partition = PartitionRef(topic: "orders", partition: 0)
        let (stale, _) = DashboardApp.update(asking, .seekCount(SeekCount(again: 1, skipped: 0), for: other), snapshot)
        guard case .confirm(let confirmation) = stale.overlay else { Issue.record("no confirmation"); return }
        #expect(confirmation.backendCount == nil, "an answer about another replay is not this one's count")
    }

    @Test func aBadOffsetIsRefusedWithAReason() {
        let start = Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders"))))
        let (state, commands) = press([.char("r"), .down, .down, .left, .left, .down, .char("x"), .enter], from: start)
        #expect(commands.isEmpty)
        guard case .form(let form) = state.overlay else { Issue.record("form closed"); return }
        #expect(form.error == "offset must be a whole number, 0 or more")
    }

    @Test func outcomesAndUntrustedTextBecomeTheStatusLine() {
        let (done, _) = DashboardApp.update(Fixtures.state, .outcome(.done("seeked \u{1b}[2J")), snapshot)
        #expect(done.status == StatusLine("seeked \\x1b[2J", .success))
        let (failed, _) = DashboardApp.update(Fixtures.state, .outcome(.failed("no such group")), snapshot)
        #expect(failed.status?.tone == .failure)
    }

    @Test func thePaletteRunsTypedCommands() {
        let typed = { (text: String) in press([.char(":")] + text.map { .char($0) } + [.enter], from: Fixtures.state) }
        #expect(typed("speed 2.5").1 == [.setSpeed(2.5)])
        #expect(typed("seed 7").1 == [.restartRun(seed: 7)])
        let (state, commands) = typed("inspect orders 3 100")
        #expect(commands == [.inspect(.partition(topic: "orders", partition: 3, fromOffset: 100))])
        #expect(state.focus == .inspector)
        #expect(typed("speed 1000").1.isEmpty)
    }

    @Test func enterOnAnEventFollowsItsCorrelationId() throws {
        let withId = try #require(PanelItems.items(.events, snapshot, filter: "").first {
            if case .event(let i) = $0 { snapshot.events[i].correlationId != nil } else { false }
        })
        guard case .event(let index) = withId else { return }
        let (state, _) = press([.enter], from: Fixtures.state(focus: .events, on: withId))
        #expect(state.filter == snapshot.events[index].correlationId)
        #expect(PanelItems.items(.events, snapshot, filter: state.filter).allSatisfy {
            guard case .event(let i) = $0 else { return false }
            return snapshot.events[i].correlationId == state.filter || snapshot.events[i].text.contains(state.filter)
        })
    }

    @Test func theInspectorOpensAMessageScrollsItAndEscGoesBack() {
        let start = Fixtures.state(focus: .inspector, on: .message(0), Fixtures.inspecting)
        let (open, _) = press([.enter, .down, .down], from: start, Fixtures.inspecting)
        #expect(open.inspectorDetail)
        #expect(open.detailScroll == 2)
        let (back, _) = press([.escape], from: open, Fixtures.inspecting)
        #expect(!back.inspectorDetail)
    }

    @Test func escUnzoomsThenClearsTheFilter() {
        var start = Fixtures.state
        start.zoomed = true
        start.filter = "bill"
        let (once, _) = press([.escape], from: start)
        #expect(!once.zoomed && once.filter == "bill")
        let (twice, _) = press([.escape], from: once)
        #expect(twice.filter.isEmpty)
    }

    @Test func focusSkipsTheLessonUnlessOneRuns() {
        var start = Fixtures.state
        start.focus = .inspector
        #expect(press([.tab], from: start).0.focus == .partitions)
        #expect(press([.tab], from: start, Fixtures.lesson).0.focus == .lesson)
    }

    @Test func speedStopsAtTheEnds() {
        var fast = Fixtures.checkout
        fast.clock.speed = 100
        let (state, commands) = press([.char(">")], from: Fixtures.state, fast)
        #expect(commands.isEmpty)
        #expect(state.status?.text == "speed is already 100x")
        var slow = Fixtures.checkout
        slow.clock.speed = 0.1
        #expect(press([.char("<")], from: Fixtures.state, slow).1.isEmpty)
    }
}
