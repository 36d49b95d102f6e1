import Dashboard
import DashboardFixtures
import SluiceModel
import Testing

/// Each panel drawn from deterministic snapshots at 80x24, 160x48 and 220x60, checked for its text
/// and the colour roles that carry meaning.
@Suite struct RenderTests {
    typealias Size = (width: Int, height: Int)

    /// The focused panel alone, full screen: every panel can be checked at every size this way.
    func zoomed(_ panel: PanelID, _ snapshot: SystemSnapshot = Fixtures.checkout, _ size: Size,
                change: (inout DashboardState) -> Void = { _ in }) -> Buffer {
        var state = Fixtures.state
        state.focus = panel
        state.zoomed = true
        change(&state)
        return Fixtures.render(state, snapshot, width: size.width, height: size.height)
    }

    @Test(arguments: Fixtures.sizes)
    func theHeaderShowsScenarioTimeSpeedSeedAndRates(_ size: Size) {
        let header = Fixtures.render(width: size.width, height: size.height).line(0)
        for text in ["checkout-demo", "t=00:00:30.0", "1x", "seed 42", "produced", "consumed"] {
            #expect(header.contains(text), "\(text) at \(size)")
        }
        var paused = Fixtures.checkout
        paused.clock.paused = true
        let buffer = Fixtures.render(Fixtures.state, paused, width: size.width, height: size.height)
        #expect(buffer.line(0).contains("PAUSED"))
        #expect(buffer.styleOf("PAUSED")?.foreground == .warn)
    }

    @Test(arguments: Fixtures.sizes)
    func everyPanelHasItsPlaceWithTheFocusedOneMarked(_ size: Size) {
        let buffer = Fixtures.render(Fixtures.state, Fixtures.lesson, width: size.width, height: size.height)
        for panel in PanelID.allCases where panel != .lesson {
            #expect(buffer.contains(" " + panel.title + " "), "\(panel) at \(size)")
        }
        #expect(buffer.contains("Lesson · Slow consumers · step 2/4"))
        #expect(buffer.styleOf(" Partitions ")?.foreground == .title)
        #expect(buffer.style(x: 0, y: 1).foreground == .borderFocused)
        let groupsCorner = buffer.find(" Groups & members ").map { buffer.style(x: $0.x - 2, y: $0.y) }
        #expect(groupsCorner?.foreground == .border)
        #expect(buffer.line(size.height - 1).contains("? help"))
    }

    @Test(arguments: Fixtures.sizes)
    func partitionsShowOffsetsMarkersLagAndTheHottest(_ size: Size) throws {
        let buffer = zoomed(.partitions, Fixtures.checkout, size)
        let topic = Fixtures.checkout.topics[0]
        #expect(buffer.contains("orders  6 partitions"))
        for partition in topic.partitions { #expect(buffer.contains("p\(partition.index)"), "p\(partition.index)") }
        // p2 produces most in the fixture: marked and warned.
        #expect(buffer.contains("p2●"))
        #expect(buffer.styleOf("p2●")?.foreground == .warn)
        let row = try #require(buffer.find("p2●")).y
        let line = buffer.line(row)
        #expect(line.contains(Format.count(topic.partitions[2].logEndOffset)))
        // The group furthest behind (billing) keeps its marker where markers meet.
        #expect(line.contains("B"))
        if size.width >= 160 {
            let billingLag = Fixtures.checkout.groups[0].partitions[2].lag
            #expect(line.contains(Format.count(billingLag)))
            #expect(buffer.contains(Format.count(topic.partitions[2].logStartOffset)))
        }
    }

    @Test(arguments: Fixtures.sizes)
    func groupsShowMemberStatesRatesAndInFlightGauges(_ size: Size) {
        let buffer = zoomed(.groups, Fixtures.checkout, size)
        let heading = buffer.line(buffer.find("orders/billing  ")?.y ?? -1)
        #expect(heading.contains("  lag ") && heading.contains("gen 3"), "\(heading)")
        for (member, state, role) in [("billing/1", "running", ColorRole.ok), ("analytics/1", "paused", .warn),
                                      ("inventory/2", "crashed", .error)] {
            #expect(buffer.contains(member), "\(member)")
            let row = buffer.find(member)?.y ?? -1
            #expect(buffer.line(row).contains(state), "\(member) \(state)")
            let stateAt = buffer.line(row).firstRange(of: state).map { CharacterWidth.of(String(buffer.line(row)[..<$0.lowerBound])) }
            #expect(stateAt.map { buffer.style(x: $0, y: row).foreground } == role, "\(member) colour")
        }
        #expect(buffer.contains("15/16"))
        #expect(buffer.contains("email-sender/1"))
        if size.width >= 160 { #expect(buffer.contains("p0,p2,p4")) }
    }

    @Test(arguments: Fixtures.sizes)
    func throughputShowsSparklinesAndLagTrends(_ size: Size) {
        let buffer = zoomed(.throughput, Fixtures.checkout, size)
        #expect(buffer.contains("produced"))
        #expect(buffer.contains("consumed"))
        #expect(buffer.lines.joined().unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille dots")
        #expect(buffer.contains("growing"))
        #expect(buffer.styleOf("growing")?.foreground == .error)
        #expect(buffer.contains("drains in ~"))
        #expect(buffer.styleOf("drains in")?.foreground == .ok)
    }

    @Test(arguments: Fixtures.sizes)
    func retriesShowRateHistogramDLQAndReasons(_ size: Size) {
        let buffer = zoomed(.retries, Fixtures.checkout, size)
        #expect(buffer.contains("retries"))
        #expect(buffer.contains("DLQ emails.dlq"))
        #expect(buffer.contains("deliveries per message"))
        #expect(buffer.contains("6+"))
        #expect(buffer.contains("latest dead letters"))
        // A reason carrying an escape sequence is shown escaped, in the error colour.
        #expect(buffer.contains("invalid address\\x1b["))
        #expect(buffer.styleOf("invalid address")?.foreground == .error)
    }

    @Test(arguments: Fixtures.sizes)
    func queuesShowDepthAgeCapacityAndBreakers(_ size: Size) {
        let buffer = zoomed(.queues, Fixtures.checkout, size)
        let emails = Fixtures.checkout.queues[0]
        #expect(buffer.contains("emails"))
        #expect(buffer.contains("\(emails.depth)/200"))
        #expect(buffer.contains("DLQ emails.dlq"))
        #expect(buffer.styleOf("DLQ emails.dlq")?.foreground == .error)
        #expect(buffer.contains("breaker email-provider closed"))
        #expect(buffer.contains("downstream up"))
        if size.width >= 160 { #expect(buffer.contains("rej/blk")) }
    }

    @Test(arguments: Fixtures.sizes)
    func theEventLogShowsTimeKindTextAndCorrelationId(_ size: Size) {
        let buffer = zoomed(.events, Fixtures.checkout, size)
        let newest = Fixtures.checkout.events.last!
        #expect(buffer.line(3).contains(Format.clock(newest.at)))
        #expect(buffer.contains("dead-letter"))
        #expect(buffer.styleOf("dead-letter")?.foreground == .error)
        #expect(buffer.contains("rebalance"))
        #expect(buffer.contains(newest.correlationId!))
    }

    @Test(arguments: Fixtures.sizes)
    func theInspectorPrettyPrintsJSONAndEscapesTheRest(_ size: Size) {
        let list = zoomed(.inspector, Fixtures.inspecting, size) { $0.selection[.inspector] = 0 }
        #expect(list.contains("Inspector · emails"))
        #expect(list.contains("\\x1b[2J"))
        #expect(list.contains("顧客-12"))
        let detail = zoomed(.inspector, Fixtures.inspecting, size) { $0.inspectorDetail = true }
        #expect(detail.contains("deliveries 3"))
        #expect(detail.contains("header  trace: t-1"))
        #expect(detail.contains("\"order\": 17,"))
        #expect(detail.styleOf("\"order\"")?.foreground == .accent)
        #expect(detail.contains("    {"))
        #expect(detail.contains("delivered 3 times, last at 00:00:29.0"))
    }

    @Test(arguments: Fixtures.sizes)
    func theLessonPanelTellsTheStep(_ size: Size) {
        let buffer = zoomed(.lesson, Fixtures.lesson, size)
        #expect(buffer.contains("Lesson · Slow consumers · step 2/4"))
        #expect(buffer.contains("Billing processes more slowly"))
        #expect(buffer.contains("fired at 00:00:25.0"))
        #expect(buffer.contains("when final_lag > 500"))
        #expect(buffer.contains("Teaches: A group slower"))
        #expect(buffer.contains("2 of 4 steps reached"))
        #expect(buffer.contains("n/N steps · L lessons · e explain"))
    }

    @Test(arguments: Fixtures.sizes)
    func helpListsEveryKeyAndWhyOneIsUnavailable(_ size: Size) {
        var state = Fixtures.state
        var seen = ""
        for scroll in stride(from: 0, to: 200, by: 5) {
            state.overlay = .help(scroll: scroll)
            seen += Fixtures.render(state, Fixtures.limited, width: size.width, height: size.height).lines.joined(separator: "\n")
        }
        for binding in KeyMap.bindings {
            let start = String(binding.summary.prefix(28))
            #expect(seen.contains(start), "help lacks '\(start)' at \(size)")
        }
        #expect(seen.contains("Kafka cannot pause"))
    }

    @Test func readOnlyIsShownInTheHeaderAndHelp() {
        var state = Fixtures.state
        state.readOnly = true
        #expect(Fixtures.render(state, width: 160, height: 48).line(0).contains("READ-ONLY"))
        state.overlay = .help(scroll: 20)
        #expect(Fixtures.render(state, width: 160, height: 48).contains("(read-only)"))
    }

    @Test func belowTheMinimumSizeTheScreenSaysSo() {
        for (width, height) in [(DashboardApp.minimumWidth - 1, 30), (100, DashboardApp.minimumHeight - 1), (20, 5)] {
            let buffer = Fixtures.render(width: width, height: height)
            #expect(buffer.contains("terminal too small") || buffer.contains("terminal too"), "\(width)x\(height)")
            #expect(!buffer.contains("Partitions"))
        }
        #expect(Fixtures.render(width: DashboardApp.minimumWidth - 1, height: 30).contains("need \(DashboardApp.minimumWidth)x\(DashboardApp.minimumHeight)"))
        #expect(!Fixtures.render(width: DashboardApp.minimumWidth, height: DashboardApp.minimumHeight).contains("too small"))
    }

    @Test func zoomShowsOnlyTheFocusedPanel() {
        let buffer = zoomed(.queues, Fixtures.checkout, (160, 48))
        #expect(buffer.contains(" Queues "))
        #expect(buffer.contains("z: unzoom"))
        #expect(!buffer.contains(" Partitions "))
    }

    @Test func theFilterNarrowsRowsAndSaysSo() {
        var state = Fixtures.state
        state.filter = "inventory"
        let buffer = Fixtures.render(state, width: 160, height: 48)
        #expect(buffer.contains("filter: inventory"))
        #expect(buffer.contains("inventory/1"))
        #expect(!buffer.contains("billing/1"))
    }

    @Test func asciiModeWritesOnlyASCII() {
        var state = Fixtures.state
        state.ascii = true
        for (width, height) in Fixtures.sizes {
            for snapshot in [Fixtures.checkout, Fixtures.inspecting] {
                let text = Fixtures.render(state, snapshot, width: width, height: height).lines.joined()
                #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(width)x\(height)")
            }
        }
        #expect(Fixtures.render(state, width: 160, height: 48).contains("+-"))
    }

    @Test func formsAndConfirmationsDrawOverThePanels() {
        var state = Fixtures.state(focus: .partitions, on: .topic("orders"))
        (state, _) = DashboardApp.update(state, .key(.char("P")), Fixtures.checkout)
        let form = Fixtures.render(state, width: 80, height: 24)
        #expect(form.contains("Publish an event"))
        #expect(form.contains("◀ orders ▶"))
        #expect(form.contains("message id"))
        state = Fixtures.state
        (state, _) = DashboardApp.update(state, .key(.char("o")), Fixtures.checkout)
        let confirm = Fixtures.render(state, width: 80, height: 24)
        #expect(confirm.contains("Are you sure?"))
        #expect(confirm.contains("y or Enter: yes"))
    }

    @Test func theStatusLineShowsOutcomesInTheirTone() {
        var state = Fixtures.state
        state.status = StatusLine("seek failed", .failure)
        let buffer = Fixtures.render(state, width: 80, height: 24)
        #expect(buffer.line(23).hasPrefix("seek failed"))
        #expect(buffer.styleOf("seek failed")?.foreground == .error)
    }

    @Test func theLargeSnapshotFitsAndScrolls() {
        let buffer = Fixtures.render(Fixtures.state, Fixtures.large, width: 220, height: 60)
        #expect(buffer.contains("orders  64 partitions"))
        #expect(buffer.contains("of 65"))
    }

    /// A cluster's size: only the rows that show are built, so the last member of the last group,
    /// selected, must still be the row the cursor is on, and the counts must cover every row.
    @Test func aClusterOfFiveThousandPartitionsShowsTheSelectedMemberAndCountsEveryRow() throws {
        let snapshot = SnapshotFixture.large(partitions: 5_000, members: 500).snapshot(at: 60)
        let items = PanelItems.items(.groups, snapshot, filter: "")
        guard case .member(let group, let last) = try #require(items.last) else { Issue.record("no member last"); return }
        let state = Fixtures.state(focus: .groups, on: .member(group: group, member: last), snapshot)
        let buffer = Fixtures.render(state, snapshot, width: 200, height: 60)
        let (x, y) = try #require(buffer.find("  " + last + " "), "the selected member is on screen")
        #expect(buffer.style(x: x + 2, y: y).attributes.contains(TextAttributes.reverse), "on the cursor's row")
        #expect(buffer.contains(" of \(items.count) "), "the position counts every row of the groups panel")
        #expect(buffer.contains(" of 5001 "), "and every row of the partitions panel (5000 and the topic's)")
    }
}

/// The overlays the lessons issue adds: `e` explains the number under the cursor, `L` lists lessons.
@Suite struct LessonOverlayRenderTests {
    @Test(arguments: Fixtures.sizes)
    func explainShowsTheNumberWithItsArithmeticMeaningAndComputation(_ size: RenderTests.Size) throws {
        var state = Fixtures.state(focus: .partitions, on: .partition(topic: "orders", index: 2))
        (state, _) = DashboardApp.update(state, .key(.char("e")), Fixtures.checkout)
        let buffer = Fixtures.render(state, width: size.width, height: size.height)
        let billing = try #require(Fixtures.checkout.groups.first { $0.name == "billing" }?.partitions[2])
        #expect(buffer.contains("Explain · orders partition 2"))
        #expect(buffer.contains("billing: lag = \(Format.count(billing.logEndOffset)) - \(Format.count(billing.committedOffset))"
                                + " = \(Format.count(billing.lag))"))
        #expect(buffer.contains("How: lag = log end offset - committed offset"))
        #expect(buffer.styleOf("How: lag")?.foreground == .muted)
    }

    @Test func explainOnAStreamMemberUsesStreamTermsNotQueueTerms() {
        var state = Fixtures.state(focus: .groups, on: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"))
        (state, _) = DashboardApp.update(state, .key(.char("e")), Fixtures.checkout)
        let buffer = Fixtures.render(state, width: 160, height: 48)
        #expect(buffer.contains("Explain · member billing/1 of orders/billing"))
        #expect(buffer.contains("in flight 15 of at most 16"))
        #expect(buffer.contains("Records in flight (stream member)"))
        #expect(buffer.contains("Committed offset"))
        for queueTerm in ["prefetch", "acknowledged", "ack deadline"] {
            #expect(!buffer.contains(queueTerm), "\(queueTerm)")
        }
    }

    @Test func explainOnAQueueConsumerUsesQueueTerms() {
        var state = Fixtures.state(focus: .groups, on: .member(group: .queue("emails"), member: "email-sender/1"))
        (state, _) = DashboardApp.update(state, .key(.char("e")), Fixtures.checkout)
        let buffer = Fixtures.render(state, width: 160, height: 48)
        #expect(buffer.contains("Explain · consumer email-sender/1 of queue emails"))
        #expect(buffer.contains("Max in flight (prefetch)"))
    }

    @Test func explainWhereThereIsNoNumberSaysSo() {
        var state = Fixtures.state(focus: .events, on: .event(Fixtures.checkout.events.lastIndex { $0.kind == .publish }!))
        (state, _) = DashboardApp.update(state, .key(.char("e")), Fixtures.checkout)
        #expect(state.overlay == .none)
        #expect(state.status?.text.hasPrefix("nothing to explain here") == true)
    }

    @Test(arguments: Fixtures.sizes)
    func theLessonListShowsEveryLessonAndWhatTheSelectedOneTeaches(_ size: RenderTests.Size) {
        var state = Fixtures.state
        (state, _) = DashboardApp.update(state, .key(.char("L")), Fixtures.checkout)
        (state, _) = DashboardApp.update(state, .key(.down), Fixtures.checkout)
        let buffer = Fixtures.render(state, width: size.width, height: size.height)
        #expect(buffer.contains(" Lessons "))
        for entry in Fixtures.checkout.lessonCatalog { #expect(buffer.contains(entry.name), "\(entry.name)") }
        #expect(buffer.contains("Teaches: Lag grows at the difference of the rates."))
        let selectedRow = buffer.find("slow-consumers")
        #expect(selectedRow.map { buffer.style(x: $0.x, y: $0.y).attributes.contains(.reverse) } == true)
        let (_, effects) = DashboardApp.update(state, .key(.enter), Fixtures.checkout)
        #expect(effects.commands == [.openLesson(name: "slow-consumers")])
    }

    @Test func withoutALessonTheStepKeysPointToTheList() {
        let (state, effects) = DashboardApp.update(Fixtures.state, .key(.char("n")), Fixtures.checkout)
        #expect(effects.isEmpty)
        #expect(state.status == StatusLine("no lesson is running: L lists them"))
        var bare = Fixtures.checkout
        bare.lessonCatalog = []
        let (listless, _) = DashboardApp.update(Fixtures.state, .key(.char("L")), bare)
        #expect(listless.overlay == .none)
        #expect(listless.status == StatusLine("this backend has no lessons"))
    }
}
