import Dashboard
import DashboardFixtures
import SluiceModel
import Testing

/// The terminal writes only what changed, and what it writes turns the old frame into the new one.
@Suite struct FrameDiffTests {
    /// What a terminal shows after writing `runs` over `screen`.
    func apply(_ runs: [Run], to screen: Buffer) -> Buffer {
        var result = screen
        for run in runs { result.put(run.text, x: run.x, y: run.y, style: run.style) }
        return result
    }

    func sameCells(_ a: Buffer, _ b: Buffer) -> Bool {
        a.lines == b.lines && (0..<a.height).allSatisfy { y in (0..<a.width).allSatisfy { a.style(x: $0, y: y) == b.style(x: $0, y: y) } }
    }

    @Test func anUnchangedFrameWritesNothing() {
        let frame = Fixtures.render(width: 160, height: 48)
        let again = Fixtures.render(width: 160, height: 48)
        #expect(FrameDiff.runs(from: frame, to: again).isEmpty)
        #expect(FrameDiff.textBytes(FrameDiff.runs(from: frame, to: again)) == 0)
    }

    @Test func aFirstFrameWritesEveryCell() {
        let frame = Fixtures.render(Fixtures.state, Fixtures.inspecting, width: 80, height: 24)
        let runs = FrameDiff.runs(from: nil, to: frame)
        #expect(runs.reduce(0) { $0 + $1.columns } == 80 * 24)
        #expect(sameCells(apply(runs, to: Buffer(width: 80, height: 24)), frame))
    }

    @Test(arguments: [(80, 24), (160, 48), (220, 60)])
    func theRunsTurnOneSecondIntoTheNext(_ size: (Int, Int)) {
        let fixture = SnapshotFixture.checkout()
        var state = Fixtures.state(focus: .inspector, on: .message(2), fixture.snapshot(at: 30, inspecting: true))
        var previous = DashboardApp.view(state, fixture.snapshot(at: 30, inspecting: true), width: size.0, height: size.1)
        for second in 31..<36 {
            state.focus = second % 2 == 0 ? .groups : .inspector
            let next = DashboardApp.view(state, fixture.snapshot(at: second, inspecting: true), width: size.0, height: size.1)
            let runs = FrameDiff.runs(from: previous, to: next)
            #expect(sameCells(apply(runs, to: previous), next), "second \(second)")
            #expect(runs.reduce(0) { $0 + $1.columns } < size.0 * size.1, "a changed frame should not redraw everything")
            previous = next
        }
    }

    @Test func aWideGlyphEndsItsRun() {
        var old = Buffer(width: 6, height: 1)
        old.put("abcdef", x: 0, y: 0, style: .plain)
        var new = old
        new.put("x注yz", x: 0, y: 0, style: .plain)
        let runs = FrameDiff.runs(from: old, to: new)
        #expect(runs.map(\.text) == ["x注", "yz"])
        #expect(runs.map(\.x) == [0, 3])
    }

    @Test func aResizedFrameIsRedrawnWhole() {
        let small = Fixtures.render(width: 80, height: 24)
        let large = Fixtures.render(width: 100, height: 30)
        #expect(FrameDiff.runs(from: small, to: large).reduce(0) { $0 + $1.columns } == 100 * 30)
    }
}
