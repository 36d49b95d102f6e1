@testable import Dashboard
import Simulation
import SluiceModel
import Testing

/// At one screen size the panels stay put as a run goes on, panels with nothing to show give their
/// room away, rows nobody needs go to the event log, and focus starts on a panel with content.
@Suite struct LayoutStabilityTests {
    /// The seeded demo at several moments of one run.
    static let demoOverTime = Result { () throws -> [SystemSnapshot] in
        let backend = try SimulationBackend(scenarioNamed: "demo", seed: 42)
        return [10, 30, 60, 90, 120].map { seconds in
            backend.simulation.run(until: Nanos(seconds) * NanosPerUnit.second)
            return backend.snapshot()
        }
    }

    /// The load-knee lesson: queues only, no topic at all.
    static let queuesOnly = Result { () throws -> SystemSnapshot in
        let backend = try SimulationBackend(scenarioNamed: "load-knee", seed: 42)
        backend.simulation.run(until: 40 * NanosPerUnit.second)
        return backend.snapshot()
    }

    /// The row each panel's title sits on (its top border), by title.
    static func titleRows(_ buffer: Buffer) -> [String: Int] {
        var rows: [String: Int] = [:]
        for panel in PanelID.allCases {
            if let found = buffer.find(" " + panel.title + " ") ?? buffer.find(" " + panel.title + " ·") { rows[panel.title] = found.y }
        }
        return rows
    }

    @Test(arguments: [(160, 48), (220, 60), (120, 40)])
    func panelHeightsStayPutAsTheRunGoesOn(_ width: Int, _ height: Int) throws {
        let snapshots = try Self.demoOverTime.get()
        let layouts = snapshots.map { Self.titleRows(Fixtures.render(Fixtures.state, $0, width: width, height: height)) }
        #expect(layouts[0].count >= 6, "\(layouts[0])")
        for (index, layout) in layouts.enumerated().dropFirst() {
            #expect(layout == layouts[0], "at \(width)x\(height), snapshot \(index) moved the panels: \(layout) vs \(layouts[0])")
        }
    }

    @Test func onAWideScreenTheRowsNobodyNeedsGoToTheEventLog() throws {
        let snapshot = try #require(try Self.demoOverTime.get().last)
        let buffer = Fixtures.render(Fixtures.state, snapshot, width: 220, height: 60)
        let rows = Self.titleRows(buffer)
        let throughputTop = try #require(rows[PanelID.throughput.title])
        let eventsTop = try #require(rows[PanelID.events.title])
        // The top row is as tall as the taller of Partitions and Groups needs: the members list fills it.
        let groups = PanelItems.items(.groups, snapshot, filter: "").count
        #expect(throughputTop - 1 == groups + 1 + 2, "top row \(throughputTop - 1) rows for \(groups) group rows")
        #expect(60 - 1 - eventsTop > throughputTop - 1, "the event log gets the most rows")
    }

    @Test(arguments: [(160, 48), (80, 24)])
    func aQueueOnlyRunHasNoEmptyTopicsPanelAndStartsOnItsConsumers(_ width: Int, _ height: Int) throws {
        let snapshot = try Self.queuesOnly.get()
        #expect(snapshot.topics.isEmpty)
        #expect(!DashboardApp.visiblePanels(snapshot).contains(.partitions))
        let buffer = Fixtures.render(Fixtures.state, snapshot, width: width, height: height)
        #expect(!buffer.contains("no topics"))
        #expect(!buffer.contains(" " + PanelID.partitions.title + " "))
        // The consumers take the whole first row, focused.
        let groups = try #require(buffer.find(" " + PanelID.groups.title + " "))
        #expect(groups.x == 2 && groups.y == 1)
        #expect(buffer.style(x: 0, y: 1).foreground == .borderFocused)
        #expect(buffer.line(1).hasSuffix("┓"), "\(buffer.line(1))")
    }

    @Test func whenRowsAreShortEveryRowStillGetsABorderAndTwoLines() {
        // 80x24 with a lesson: four rows wanting far more than 22 lines, the first and last favoured.
        let sizes = ScreenLayout.distribute(22, wants: [7, 12, 11, 14], favoured: [0, 3], open: [2])
        #expect(sizes.reduce(0, +) == 22)
        #expect(sizes.allSatisfy { $0 >= ScreenLayout.minimumRowHeight }, "\(sizes)")
    }

    @Test func rowsNobodyWantsGoToTheOpenRows() {
        #expect(ScreenLayout.distribute(40, wants: [10, 10, 5], favoured: [0], open: [1]) == [10, 25, 5])
        #expect(ScreenLayout.distribute(40, wants: [10, 10, 5], favoured: [2], open: []) == [10, 10, 20])
    }

    @Test func keysActOnThePanelDrawnFocused() throws {
        let snapshot = try Self.queuesOnly.get()
        let start = DashboardApp.keepingFocusVisible(Fixtures.state, snapshot)
        #expect(start.focus == .groups)
        // A state still focused on the hidden panel moves on from the one drawn focused.
        let (next, _) = DashboardApp.update(Fixtures.state, .key(.tab), snapshot)
        #expect(next.focus == .throughput)
        // With topics, focus starts where it always did.
        #expect(DashboardApp.keepingFocusVisible(Fixtures.state, Fixtures.checkout).focus == .partitions)
    }
}
