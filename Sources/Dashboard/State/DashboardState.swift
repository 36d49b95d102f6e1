public import SluiceModel

/// Everything the UI remembers between frames. Only `DashboardApp.update` changes it.
public struct DashboardState: Equatable, Sendable {
    public var focus: PanelID = .partitions
    public var zoomed = false
    public var overlay: Overlay = .none
    /// Narrows the rows of every list panel (case-insensitive substring).
    public var filter = ""
    /// The selected row of each list panel.
    public var selection: [PanelID: Int] = [:]
    /// Whether the inspector shows the selected message in full instead of the list.
    public var inspectorDetail = false
    public var detailScroll = 0
    public var themeNames: [String]
    public var themeIndex = 0
    public var readOnly: Bool
    public var ascii: Bool
    public var status: StatusLine?
    public var shouldQuit = false

    public init(themeNames: [String] = ["default"], themeIndex: Int = 0, readOnly: Bool = false, ascii: Bool = false) {
        self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
        self.themeIndex = max(0, min(themeIndex, self.themeNames.count - 1))
        self.readOnly = readOnly
        self.ascii = ascii
    }

    public var themeName: String { themeNames[themeIndex] }

    /// The row selected in `panel`, clamped to the rows it has now.
    public func selectedIndex(_ panel: PanelID, count: Int) -> Int? {
        guard count > 0 else { return nil }
        return max(0, min(selection[panel] ?? 0, count - 1))
    }

    /// The item selected in `panel` for this snapshot, if it has rows.
    public func selectedItem(_ panel: PanelID, _ snapshot: SystemSnapshot) -> PanelItem? {
        let items = PanelItems.items(panel, snapshot, filter: filter)
        return selectedIndex(panel, count: items.count).map { items[$0] }
    }

    /// The replay waiting for confirmation, if one is.
    public var pendingReplay: ReplayRequest? {
        if case .confirm(let confirmation) = overlay { return confirmation.replay }
        return nil
    }
}

/// A one-line message at the bottom of the screen.
public struct StatusLine: Equatable, Sendable {
    public enum Tone: Equatable, Sendable { case info, success, failure }
    public var text: String
    public var tone: Tone
    public init(_ text: String, _ tone: Tone = .info) { self.text = text; self.tone = tone }
}

/// What covers the panels, if anything.
public enum Overlay: Equatable, Sendable {
    case none
    case help(scroll: Int)
    case palette(query: String, selected: Int)
    /// Editing the filter; `previous` comes back on Esc.
    case filter(previous: String)
    case form(Form)
    case confirm(Confirmation)
    /// The lesson list (`L`), with the selected entry.
    case lessons(selected: Int)
    /// What `e` explains: the row under the cursor in a panel, read again every frame so its numbers stay live.
    case explain(panel: PanelID, item: PanelItem?, scroll: Int)

    /// Which part of the key map applies while this overlay is open.
    public var context: KeyContext {
        switch self {
        case .none: .normal
        case .help: .help
        case .palette: .palette
        case .filter: .filter
        case .form: .form
        case .confirm: .confirm
        case .lessons: .lessons
        case .explain: .explain
        }
    }
}

/// A question before a destructive action: the commands run only after a yes.
public struct Confirmation: Equatable, Sendable {
    public var question: String
    public var commands: [Command]
    /// Set for a replay, so the question can say how many records will be consumed again.
    public var replay: ReplayRequest?
    /// What the backend said about `replay`; nil until it answers (or when it cannot tell).
    public var backendCount: SeekCount?
    public init(question: String, commands: [Command], replay: ReplayRequest? = nil) {
        self.question = question; self.commands = commands; self.replay = replay
    }
}

/// A seek a person is about to confirm.
public struct ReplayRequest: Equatable, Sendable {
    public var group: GroupID
    public var partition: PartitionRef?
    public var position: SeekPosition
    public init(group: GroupID, partition: PartitionRef?, position: SeekPosition) {
        self.group = group; self.partition = partition; self.position = position
    }

    /// Records the group would be handed again and records it would skip, from the snapshot's offsets;
    /// nil for a seek by time or id, which only the backend can answer.
    public func estimatedCount(_ snapshot: SystemSnapshot) -> SeekCount? {
        guard let group = snapshot.group(self.group) else { return nil }
        var total = SeekCount()
        for part in group.partitions where partition == nil || part.ref == partition {
            let topic = snapshot.topics.first { $0.name == part.topic }
            let logStart = topic?.partitions.first { $0.index == part.partition }?.logStartOffset ?? 0
            let target: Int64
            switch position {
            case .earliest: target = logStart
            case .latest: target = part.logEndOffset
            case .offset(let offset): target = max(logStart, min(offset, part.logEndOffset))
            case .time, .entryID: return nil
            }
            total = total + .moving(from: part.committedOffset, to: target)
        }
        return total
    }
}
