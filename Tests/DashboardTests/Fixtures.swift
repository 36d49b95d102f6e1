import Dashboard
import DashboardFixtures
import SluiceModel

/// Snapshots and states the tests share, built deterministically.
enum Fixtures {
    /// The checkout demo's shape, 30 seconds in (email provider up, billing lagging).
    static let checkout = SnapshotFixture.checkout().snapshot(at: 30)
    /// The same with an inspection of the `emails` queue (JSON, escape sequences, invalid UTF-8, CJK).
    static let inspecting = SnapshotFixture.checkout().snapshot(at: 30, inspecting: true)
    /// The same with a lesson running.
    static let lesson: SystemSnapshot = {
        var fixture = SnapshotFixture.checkout()
        fixture.withLesson = true
        return fixture.snapshot(at: 30)
    }()
    /// The benchmark's shape: 64 partitions, 16 members.
    static let large = SnapshotFixture.large().snapshot(at: 60)

    /// A snapshot of a backend that cannot pause or seek (a Kafka-like attach).
    static let limited: SystemSnapshot = {
        var snapshot = checkout
        snapshot.capabilities = Capabilities(unavailable: [.pauseResume: "Kafka cannot pause a remote group",
                                                           .seek: "needs the group to be empty"])
        return snapshot
    }()

    static let themes = ["default", "paper"]
    static var state: DashboardState { DashboardState(themeNames: themes) }

    /// A state focused on `panel` with the row where `item` sits selected.
    static func state(focus panel: PanelID, on item: PanelItem? = nil, _ snapshot: SystemSnapshot = checkout) -> DashboardState {
        var state = self.state
        state.focus = panel
        if let item, let index = PanelItems.items(panel, snapshot, filter: "").firstIndex(of: item) {
            state.selection[panel] = index
        }
        return state
    }

    static func render(_ state: DashboardState = state, _ snapshot: SystemSnapshot = checkout,
                       width: Int, height: Int) -> Buffer {
        DashboardApp.view(state, snapshot, width: width, height: height)
    }

    /// The three sizes rendering is checked at.
    static let sizes: [(width: Int, height: Int)] = [(80, 24), (160, 48), (220, 60)]
}

extension Buffer {
    /// Every style found on cells whose row contains `needle`, from where the needle starts.
    func styles(of needle: String) -> [Style] {
        guard let (x, y) = find(needle) else { return [] }
        return (x..<min(width, x + CharacterWidth.of(needle))).map { style(x: $0, y: y) }
    }

    /// The style of the first cell of `needle`, if it is on screen.
    func styleOf(_ needle: String) -> Style? { styles(of: needle).first }

    /// The rows of a rectangle as text.
    func text(in rect: Rect) -> [String] {
        (rect.y..<rect.maxY).map { y in (rect.x..<rect.maxX).map { text(x: $0, y: y) }.joined() }
    }
}
