@testable import Dashboard
import SluiceModel
import Testing

/// What a panel keeps when it is short of room, on the whole screen of the seeded demo: the
/// Queues table keeps `delayed`, the Retries histogram keeps every delivery row.
@Suite struct WhatPanelsKeepTests {
    /// Messages settled after 1, 2, ... deliveries, summed over the snapshot's queues.
    static func deliveryTotals(_ snapshot: SystemSnapshot) -> [Int64] {
        var totals: [Int64] = []
        for queue in snapshot.queues {
            for (index, count) in queue.attemptsHistogram.enumerated() {
                if totals.count <= index { totals.append(0) }
                totals[index] += count
            }
        }
        return totals
    }

    @Test(arguments: [(120, 40), (160, 48)])
    func theQueuesTableKeepsDelayedBelowTwoHundredAndTwentyColumns(_ width: Int, _ height: Int) throws {
        let snapshot = try SimulatedRuns.demo.get()
        let buffer = Fixtures.render(Fixtures.state, snapshot, width: width, height: height)
        let header = try #require(buffer.find("ready"), "\(buffer)")
        let headerLine = buffer.line(header.y)
        #expect(headerLine.contains("delayed"), "\(headerLine)")
        let delayedEnd = try #require(SimulatedRuns.column(of: "delayed", in: buffer, row: header.y)) + 7
        // One row per queue, in the snapshot's order, under the header.
        for (index, queue) in snapshot.queues.enumerated() {
            let row = header.y + 1 + index
            // Numbers right-align under their header.
            let cell = buffer.text(in: Rect(x: delayedEnd - 7, y: row, width: 7, height: 1))[0]
            #expect(cell.trimmingLeadingSpaces == Format.count(Int64(queue.delayed)), "\(queue.name): '\(cell)'")
        }
    }

    @Test func aShortRetriesPanelStillShowsEveryDeliveryRow() throws {
        let snapshot = try SimulatedRuns.demo.get()
        let totals = Self.deliveryTotals(snapshot)
        #expect(totals.count >= 6, "the demo's emails are delivered up to six times")
        // As tall as the top rows leave it at 160x48 when the other panels have a lot to show.
        var buffer = Buffer(width: 53, height: 12)
        DashboardApp.drawPanel(.retries, in: buffer.area, ViewContext(state: Fixtures.state, snapshot: snapshot), into: &buffer)
        let heading = try #require(buffer.find("deliveries per message"), "\(buffer)")
        for (index, total) in totals.prefix(6).enumerated() {
            let line = buffer.line(heading.y + 1 + index)
            let label = index == 5 && totals.count > 6 ? "6+" : "\(index + 1)"
            let shown = index == 5 ? totals.dropFirst(5).reduce(0, +) : total
            let row = String(line.dropFirst(heading.x)).trimmingLeadingSpaces
            #expect(row.hasPrefix(label + " "), "row \(index + 1): \(line)")
            #expect(row.contains(" " + Format.count(shown) + "│"), "row \(index + 1): \(line)")
        }
    }

    @Test func aRetriesPanelTooShortForEveryRowFoldsTheTailIntoItsLastRow() throws {
        let snapshot = try SimulatedRuns.demo.get()
        let totals = Self.deliveryTotals(snapshot)
        var buffer = Buffer(width: 53, height: 9)
        DashboardApp.drawPanel(.retries, in: buffer.area, ViewContext(state: Fixtures.state, snapshot: snapshot), into: &buffer)
        let heading = try #require(buffer.find("deliveries per message"), "\(buffer)")
        let rows = (heading.y + 1..<buffer.height - 1).map { String(buffer.line($0).dropFirst(heading.x)).trimmingLeadingSpaces }
        let last = try #require(rows.last { $0.first?.isNumber == true }, "\(buffer)")
        let folded = try #require(Int(last.prefix { $0.isNumber }), "\(last)")
        #expect(folded < totals.count && last.hasPrefix("\(folded)+ "), "\(buffer)")
        #expect(last.contains(" " + Format.count(totals.dropFirst(folded - 1).reduce(0, +)) + "│"), "\(buffer)")
    }

    @Test func aRetriesPanelWithNoRoomForBarsStillGivesEveryCount() throws {
        let snapshot = try SimulatedRuns.demo.get()
        let totals = Self.deliveryTotals(snapshot)
        var buffer = Buffer(width: 60, height: 6)
        DashboardApp.drawPanel(.retries, in: buffer.area, ViewContext(state: Fixtures.state, snapshot: snapshot), into: &buffer)
        let row = try #require(buffer.find("deliveries 1:"), "\(buffer)").y
        for (index, total) in totals.prefix(6).enumerated() {
            #expect(buffer.line(row).contains(" \(index + 1):" + Format.count(total) + " "), "\(buffer.line(row))")
        }
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
