import Testing
@testable import Dashboard
import SluiceModel

@Test func scratchPrint() {
    for (w, h) in [(160, 48), (80, 24)] {
        let snap = SnapshotFixture.checkout().snapshot(at: 30, inspecting: true)
        var state = DashboardState()
        state.focus = .inspector
        let b = DashboardApp.view(state, snap, width: w, height: h)
        print(b.lines.joined(separator: "\n"))
    }
}
