public import SluiceModel

/// A key press, as the terminal layer decodes it.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Control plus a letter (lowercase), e.g. `.ctrl("c")`.
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end

    /// How help and hints name the key.
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        }
    }
}

/// Everything that can change the UI state: a key, or a fact the loop learned from the backend.
public enum Input: Equatable, Sendable {
    case key(Key)
    /// What `SystemBackend.seekCount` said about this replay; applied only while it still awaits confirmation.
    case seekCount(SeekCount?, for: ReplayRequest)
    /// The outcome of a command the loop sent.
    case outcome(CommandOutcome)
}
