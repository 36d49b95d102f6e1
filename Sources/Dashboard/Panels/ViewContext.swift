import SluiceModel

/// What every panel reads while drawing one frame.
struct ViewContext {
    let state: DashboardState
    let snapshot: SystemSnapshot
    let glyphs: Glyphs

    /// Each panel's rows, listed once a frame however often the layout and the panel ask.
    private let listed = ListedItems()

    init(state: DashboardState, snapshot: SystemSnapshot) {
        self.state = state
        self.snapshot = snapshot
        glyphs = .forMode(ascii: state.ascii)
    }

    /// An instance by its id, searched from where the last one was found (no index of every instance a frame).
    func instance(_ id: String) -> InstanceSnapshot? {
        snapshot.instances.search(from: &listed.instanceCursor) { $0.id == id }
    }

    /// A member of a stream group by its id, searched from where the group's last one was found.
    func member(_ id: String, of group: GroupSnapshot) -> MemberSnapshot? {
        group.members.search(from: &listed.memberCursors[group.id, default: 0]) { $0.id == id }
    }

    /// A stream group by its id, through an index built once a frame.
    func group(_ id: GroupID) -> GroupSnapshot? {
        if listed.groups == nil {
            listed.groups = Dictionary(snapshot.groups.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        return listed.groups?[id]
    }

    func items(_ panel: PanelID) -> PanelItemList {
        if let items = listed.items[panel] { return items }
        let items = PanelItems.items(panel, snapshot, filter: state.filter)
        listed.items[panel] = items
        return items
    }

    /// The selected row of a panel, but only while it has focus (others show no cursor).
    func selected(_ panel: PanelID, count: Int) -> Int? {
        state.focus == panel ? state.selectedIndex(panel, count: count) : nil
    }

    /// Says why a list panel has no rows (nothing there at all, or nothing passing the filter);
    /// returns whether it did.
    func noteIfEmpty(_ items: PanelItemList, nothingThere: Bool, _ text: String, _ area: Rect,
                     into buffer: inout Buffer) -> Bool {
        guard items.isEmpty else { return false }
        buffer.put(nothingThere ? text : "nothing matches the filter", x: area.x, y: area.y, style: .muted, maxWidth: area.width)
        return true
    }

    /// A small symbol and a colour for each group, used by markers and legends alike.
    func groupMarkers() -> [GroupID: (symbol: Character, role: ColorRole)] {
        let roles: [ColorRole] = [.accent, .ok, .title, .warn, .gradient(2), .gradient(5), .error, .gradient(7)]
        var used: Set<Character> = []
        var markers: [GroupID: (Character, ColorRole)] = [:]
        for (index, group) in snapshot.groups.enumerated() {
            let initial = UntrustedText.escape(group.name).uppercased().first { $0.isLetter || $0.isNumber } ?? "?"
            let symbol = !used.contains(initial) ? initial : Character(String(index % 10))
            used.insert(symbol)
            markers[group.id] = (symbol, roles[index % roles.count])
        }
        return markers
    }

    /// How an instance state reads on screen.
    static func style(for state: InstanceSnapshot.State) -> Style {
        switch state {
        case .running: .ok
        case .paused: .warn
        case .crashed: Style(.error, attributes: .bold)
        case .idle: .muted
        }
    }
}

/// The rows of the panels listed so far in one frame (a frame is drawn on one thread).
private final class ListedItems {
    var items: [PanelID: PanelItemList] = [:]
    var instanceCursor = 0
    var memberCursors: [GroupID: Int] = [:]
    var groups: [GroupID: GroupSnapshot]?
}
