@testable import Dashboard
import SluiceModel
import Testing

/// Numbers are never cut: when a line or a cell is too narrow, text loses its end to an ellipsis
/// first, and what still does not fit ends before a number, not inside it.
@Suite struct TruncationTests {
    /// The widths the screen is checked at, with the heights people run them at.
    static let sizes: [(width: Int, height: Int)] = [(80, 24), (120, 40), (160, 48)]

    @Test func truncatingEndsBeforeANumberNeverInsideIt() {
        #expect(Format.truncate("lag 59", to: 5) == "lag …")
        #expect(Format.truncate("done 12.3k/s", to: 9) == "done …")
        #expect(Format.truncate("x6 nacked", to: 2) == "…")
        #expect(Format.truncate("notifier-480 x6", to: 11) == "notifier…")
        // Text without digits is cut where the room ends, and says so.
        #expect(Format.truncate("123 (unbounded)", to: 10) == "123 (unbo…")
        #expect(Format.truncate("lag 59", to: 6) == "lag 59")
        // A rate or a fraction keeps its unit and its denominator.
        #expect(Format.truncate("consumed 103/s", to: 13) == "consumed …")
        #expect(Format.truncate("in flight 4/6", to: 12) == "in flight …")
        // An ellipsis never touches a digit: `capacity 200…` could be 2000.
        #expect(Format.truncate("parked p2@99 after 5 attempts", to: 13) == "parked p2@…")
        #expect(Format.truncate("full (capacity 200) now", to: 16) == "full (capacity …")
    }

    @Test func aLineGivesUpItsShrinkingTextBeforeItsNumbers() {
        let line = Line([Span("orders/billing", fit: .shrink(keeping: 6)), Span("  lag 497 "), Span("↑"),
                         Span("  PAUSED"), Span(" · gen 3 · range", fit: .shrink(keeping: 0))])
        var buffer = Buffer(width: 30, height: 1)
        line.render(x: 0, y: 0, maxWidth: 25, into: &buffer)
        // The generation went first, then the end of the name; the lag and the tag stay whole.
        #expect(buffer.line(0).trimmingTrailingSpaces == "order…  lag 497 ↑  PAUSED", "\(buffer)")
    }

    @Test func optionalSpansGoWholeAfterTheShrinkingOnes() {
        let line = Line([Span("billing", fit: .shrink(keeping: 7)), Span("  lag 59"), Span(" · 33.9/s", fit: .optional)])
        var buffer = Buffer(width: 20, height: 1)
        line.render(x: 0, y: 0, maxWidth: 18, into: &buffer)
        #expect(buffer.line(0).trimmingTrailingSpaces == "billing  lag 59")
    }

    @Test func whereALineStillRunsOutItEndsInAnEllipsisBeforeTheNumber() {
        var buffer = Buffer(width: 10, height: 1)
        Line([Span("lag "), Span("5900")]).render(x: 0, y: 0, maxWidth: 6, into: &buffer)
        #expect(buffer.line(0).trimmingTrailingSpaces == "lag …")
    }

    @Test func aNumberColumnWidensRatherThanCutItsNumbers() {
        let table = Table(columns: [Column("name", .fill(1)), Column("n", .length(3), alignRight: true)],
                          rows: [TableRow([.plain("a long queue name"), .plain("123456")])], glyphs: .unicode)
        var buffer = Buffer(width: 16, height: 2)
        table.render(buffer.area, into: &buffer)
        #expect(buffer.line(1).hasSuffix(" 123456"), "\(buffer)")
        #expect(buffer.line(1).hasPrefix("a long q…"), "\(buffer)")
    }

    @Test func columnsWithADropRankGoLowestFirstWhenTheTableIsNarrow() {
        let columns = [Column("name", .fill(1), minimumWidth: 4), Column("a", .length(5), alignRight: true, dropRank: 2),
                       Column("b", .length(5), alignRight: true, dropRank: 1), Column("c", .length(5), alignRight: true)]
        let row = TableRow([.plain("q"), .plain("AAAAA"), .plain("BBBBB"), .plain("CCCCC")])
        var narrow = Buffer(width: 17, height: 2)
        Table(columns: columns, rows: [row], glyphs: .unicode).render(narrow.area, into: &narrow)
        #expect(narrow.line(1).contains("AAAAA") && narrow.line(1).contains("CCCCC") && !narrow.line(1).contains("BBBBB"),
                "\(narrow)")
        var wide = Buffer(width: 30, height: 2)
        Table(columns: columns, rows: [row], glyphs: .unicode).render(wide.area, into: &wide)
        #expect(["AAAAA", "BBBBB", "CCCCC"].allSatisfy { wide.line(1).contains($0) })
    }

    @Test func aNarrowGaugeDropsItsBarBeforeADigitOfItsLabel() {
        var buffer = Buffer(width: 8, height: 1)
        Gauge(value: 123, limit: 400, label: "123/400", glyphs: .unicode).render(buffer.area, into: &buffer)
        #expect(buffer.line(0).hasSuffix("123/400"))
    }

    @Test func aNarrowChartKeepsItsValueWholeAndShortensItsLabel() {
        var buffer = Buffer(width: 30, height: 1)
        ThroughputPanel.chart(label: "DLQ emails.dlq", value: "12345", series: Series([1, 2, 3]), ceiling: 3, role: .error,
                              rect: buffer.area, ViewContext(state: Fixtures.state, snapshot: Fixtures.checkout), into: &buffer)
        #expect(buffer.line(0).hasPrefix("DLQ emai… 12345"), "\(buffer)")
    }

    @Test func aNarrowHistogramDropsItsBarsAndStaysInsideItsArea() {
        var buffer = Buffer(width: 12, height: 2)
        Histogram(buckets: [("1", 12), ("6+", 1234)], glyphs: .unicode)
            .render(Rect(x: 0, y: 0, width: 8, height: 2), into: &buffer)
        #expect(buffer.line(1).hasPrefix("6+ 1234"), "\(buffer)")
        #expect(buffer.text(in: Rect(x: 8, y: 0, width: 4, height: 2)).allSatisfy { $0 == "    " }, "\(buffer)")
    }

    @Test func aShortenedMemberNameKeepsWhatTellsItFromItsSiblings() {
        #expect(Format.abbreviate("billing/2", to: 7) == "bill…/2")
        #expect(Format.abbreviate("billing/2", to: 9) == "billing/2")
        // With no room for the start, the end goes as usual.
        #expect(Format.abbreviate("a/very-long-instance", to: 8) == "a/very-…")
    }

    @Test func aNarrowHeaderShortensTheNameAndDropsWholeNumbers() {
        var snapshot = Fixtures.checkout
        snapshot.source.name = "a-scenario-with-a-rather-long-name"
        let header = Fixtures.render(Fixtures.state, snapshot, width: 80, height: 24).line(0)
        #expect(header.hasPrefix(" a-scenario") && header.contains("… t=00:00:30.0"), "the name gave up its end: \(header)")
        for number in ["seed 42", "produced " + Format.rate(snapshot.throughput.producedPerSecond),
                       "consumed " + Format.rate(snapshot.throughput.consumedPerSecond)] {
            // Each is there whole, or not at all.
            let start = String(number.prefix(4))
            #expect(header.contains(number) || !header.contains(start), "\(number): \(header)")
        }
        #expect(!header.contains("/…") && !header.hasSuffix("…"), "\(header)")
    }

    @Test func theStatusLineShowsWholeHintsOnly() {
        let buffer = Fixtures.render(width: 80, height: 24)
        let status = buffer.line(23)
        #expect(!status.contains("…"), "\(status)")
        for (key, label) in [("Space", "pause"), ("q", "quit"), ("?", "help")] where status.contains(key + " ") {
            #expect(status.contains(key + " " + label), "\(key) without its label: \(status)")
        }
    }

    /// The snapshot with `group` paused as a whole, and so each of its members.
    static func pausing(_ group: GroupID, in snapshot: SystemSnapshot) -> SystemSnapshot {
        var paused = snapshot
        for index in paused.groups.indices where paused.groups[index].id == group { paused.groups[index].paused = true }
        for index in paused.instances.indices where paused.instances[index].source == .group(group) {
            paused.instances[index].state = .paused
        }
        return paused
    }

    @Test(arguments: sizes)
    func everyGroupHeaderShowsItsWholeLagAndThePausedTag(_ size: (width: Int, height: Int)) throws {
        for snapshot in [Fixtures.checkout, try SimulatedRuns.demo.get()] {
            let group = try #require(snapshot.groups.first)
            let paused = Self.pausing(group.id, in: snapshot)
            let buffer = Fixtures.render(Fixtures.state(focus: .groups), paused, width: size.width, height: size.height)
            // The paused group is selected, so on screen; the others when the panel has room for them.
            for shown in paused.groups {
                guard let row = buffer.find(shown.name + "  lag")?.y else {
                    #expect(shown.id != group.id, "\(group.id) at \(size)\n\(buffer)")
                    continue
                }
                let lag = shown.name + "  lag " + Format.count(shown.totalLag) + " "
                #expect(buffer.line(row).contains(lag), "\(lag) at \(size): \(buffer.line(row))")
                if shown.id == group.id { #expect(buffer.line(row).contains("PAUSED"), "at \(size): \(buffer.line(row))") }
            }
        }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
