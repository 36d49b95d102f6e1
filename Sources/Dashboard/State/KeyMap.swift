public import SluiceModel

/// Where a key binding applies: the panels, or one kind of overlay.
public enum KeyContext: String, CaseIterable, Hashable, Sendable {
    /// Every context (Ctrl-C).
    case anywhere
    case normal, help, palette, filter, form, confirm, lessons, explain

    public var title: String {
        switch self {
        case .anywhere: "Anywhere"
        case .normal: "Panels"
        case .help: "Help"
        case .palette: "Command palette"
        case .filter: "Filter"
        case .form: "Forms"
        case .confirm: "Confirmation"
        case .lessons: "Lesson list"
        case .explain: "Explanation"
        }
    }
}

/// Which keys a binding answers to: one key, or any printable character (typing into a field).
public enum KeyPattern: Hashable, Sendable, CustomStringConvertible {
    case key(Key)
    case printable

    public func matches(_ key: Key) -> Bool {
        switch (self, key) {
        case (.key(let bound), _): bound == key
        case (.printable, .char): true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .key(let key): key.description
        case .printable: "text"
        }
    }
}

/// What a key means: the message `update` acts on.
public enum Action: String, Hashable, Sendable, CaseIterable {
    // Moving around.
    case quit, focusNext, focusPrevious, toggleZoom, showHelp, openPalette, openFilter
    case moveUp, moveDown, pageUp, pageDown, moveFirst, moveLast, open, browse, back, cycleTheme, explain
    // Time.
    case togglePause, step, slower, faster, restartWithNewSeed
    // Acting on the system.
    case publish, pauseResume, replay, skipStuck, claim, addInstance, removeInstance, crashOrRestart
    case poison, outage, rateSpike, redrive, purge, lessonNext, lessonPrevious, openLessons
    // Inside overlays.
    case close, nextField, previousField, previousChoice, nextChoice, submit, deleteBackward, type
    case confirm, decline
}

/// One row of the key map: keys, where they apply, what they do, and the command kind they lead to
/// (so read-only mode and missing capabilities can disable them).
public struct KeyBinding: Sendable {
    public var context: KeyContext
    public var keys: [KeyPattern]
    public var action: Action
    public var summary: String
    public var kind: CommandKind?
    /// Whether it asks before acting.
    public var asksFirst: Bool

    init(_ context: KeyContext, _ keys: [KeyPattern], _ action: Action, _ summary: String,
         kind: CommandKind? = nil, asksFirst: Bool = false) {
        self.context = context; self.keys = keys; self.action = action; self.summary = summary
        self.kind = kind; self.asksFirst = asksFirst
    }

    /// The keys as help shows them: `q, Ctrl-C`.
    public var keyLabel: String { keys.map(\.description).joined(separator: ", ") }
}

/// The one table that defines every key: `update` dispatches on it and help is generated from it.
public enum KeyMap {
    public static let bindings: [KeyBinding] = {
        func k(_ key: Key) -> KeyPattern { .key(key) }
        func c(_ character: Character) -> KeyPattern { .key(.char(character)) }
        return [
            KeyBinding(.anywhere, [k(.ctrl("c"))], .quit, "Quit at once"),
            KeyBinding(.normal, [c("q")], .quit, "Quit"),
            KeyBinding(.normal, [k(.tab), c("l"), k(.right)], .focusNext, "Focus the next panel"),
            KeyBinding(.normal, [k(.backTab), c("h"), k(.left)], .focusPrevious, "Focus the previous panel"),
            KeyBinding(.normal, [k(.up), c("k")], .moveUp, "Select the row above"),
            KeyBinding(.normal, [k(.down), c("j")], .moveDown, "Select the row below"),
            KeyBinding(.normal, [k(.pageUp), k(.ctrl("u"))], .pageUp, "Select ten rows up"),
            KeyBinding(.normal, [k(.pageDown), k(.ctrl("d"))], .pageDown, "Select ten rows down"),
            KeyBinding(.normal, [k(.home), c("g")], .moveFirst, "Select the first row"),
            KeyBinding(.normal, [k(.end), c("G")], .moveLast, "Select the last row"),
            KeyBinding(.normal, [k(.enter)], .open,
                       "Open the selected row: inspect a partition or a queue; a group where it lags most or a member's "
                           + "partition (the one it is stuck on), from the committed offset; the DLQ from Retries; "
                           + "follow an event's id; show a message"),
            KeyBinding(.normal, [c("b")], .browse,
                       "Browse a partition from an offset, a time (90s since the start, -5m before now) or the engine's own id (form)"),
            KeyBinding(.normal, [k(.escape)], .back, "Back: close the message, unzoom, clear the filter"),
            KeyBinding(.normal, [c("z")], .toggleZoom, "Zoom the focused panel to full screen (again: back)"),
            KeyBinding(.normal, [c("?")], .showHelp, "Show this help"),
            KeyBinding(.normal, [c(":")], .openPalette, "Command palette: run any action by name"),
            KeyBinding(.normal, [c("/")], .openFilter, "Filter rows by text"),
            KeyBinding(.normal, [c("t")], .cycleTheme, "Next colour theme"),
            KeyBinding(.normal, [c("e")], .explain,
                       "Explain the number under the cursor: what it means and how it is computed"),
            KeyBinding(.normal, [c(" ")], .togglePause, "Pause or resume time", kind: .pauseTime),
            KeyBinding(.normal, [c(".")], .step, "Step one second of time and say what it did (pauses first)", kind: .step),
            KeyBinding(.normal, [c("<"), c("[")], .slower, "Slower (down to 0.1x)", kind: .speed),
            KeyBinding(.normal, [c(">"), c("]")], .faster, "Faster (up to 100x)", kind: .speed),
            KeyBinding(.normal, [c("S")], .restartWithNewSeed, "Restart the run with a new seed", kind: .restartRun,
                       asksFirst: true),
            KeyBinding(.normal, [c("P")], .publish, "Publish an event (form)", kind: .publish),
            KeyBinding(.normal, [c("p")], .pauseResume, "Pause or resume the selected member or group",
                       kind: .pauseResume),
            KeyBinding(.normal, [c("r")], .replay, "Replay: seek a group to earliest, latest, an offset or a time",
                       kind: .seek, asksFirst: true),
            KeyBinding(.normal, [c("u")], .skipStuck,
                       "Unstick the selected member: skip the record it retries in place (commits past it, counted)",
                       kind: .seek, asksFirst: true),
            KeyBinding(.normal, [c("c")], .claim,
                       "Claim a group's entries pending longer than an idle time for another consumer (form)",
                       kind: .claim, asksFirst: true),
            KeyBinding(.normal, [c("+"), c("=")], .addInstance, "Add a consumer instance", kind: .addInstance),
            KeyBinding(.normal, [c("-")], .removeInstance, "Remove a consumer instance", kind: .removeInstance, asksFirst: true),
            KeyBinding(.normal, [c("x")], .crashOrRestart, "Crash the selected instance (restart a crashed one)",
                       kind: .crash, asksFirst: true),
            KeyBinding(.normal, [c("!")], .poison, "Send a poison message to the selected topic or queue",
                       kind: .poison, asksFirst: true),
            KeyBinding(.normal, [c("o")], .outage, "Start or stop a downstream outage", kind: .outage, asksFirst: true),
            KeyBinding(.normal, [c("s")], .rateSpike, "Spike a producer's rate x10 (again: back to normal)", kind: .rate),
            KeyBinding(.normal, [c("R")], .redrive, "Redrive the dead-letter queue at a rate you choose (form)", kind: .redrive, asksFirst: true),
            KeyBinding(.normal, [c("D")], .purge, "Purge the selected queue: drop every ready message", kind: .purge, asksFirst: true),
            KeyBinding(.normal, [c("n")], .lessonNext, "Next lesson step", kind: .lessonStep),
            KeyBinding(.normal, [c("N")], .lessonPrevious, "Previous lesson step", kind: .lessonStep),
            KeyBinding(.normal, [c("L")], .openLessons, "Lessons: pick one to open (restarts the run)", kind: .openLesson),
            KeyBinding(.help, [k(.escape), c("?"), c("q")], .close, "Close help"),
            KeyBinding(.help, [k(.up), c("k")], .moveUp, "Scroll up"),
            KeyBinding(.help, [k(.down), c("j")], .moveDown, "Scroll down"),
            KeyBinding(.help, [k(.pageUp)], .pageUp, "Scroll a page up"),
            KeyBinding(.help, [k(.pageDown), c(" ")], .pageDown, "Scroll a page down"),
            KeyBinding(.palette, [k(.escape)], .close, "Close the palette"),
            KeyBinding(.palette, [k(.enter)], .submit, "Run the selected action"),
            KeyBinding(.palette, [k(.up)], .moveUp, "Select the action above"),
            KeyBinding(.palette, [k(.down), k(.tab)], .moveDown, "Select the action below"),
            KeyBinding(.palette, [k(.backspace)], .deleteBackward, "Delete a character"),
            KeyBinding(.palette, [.printable], .type,
                       "Type to narrow; also: speed N, seed N, inspect TOPIC PARTITION OFFSET|TIME|ID"),
            KeyBinding(.filter, [k(.enter)], .submit, "Keep the filter"),
            KeyBinding(.filter, [k(.escape)], .close, "Cancel: restore the previous filter"),
            KeyBinding(.filter, [k(.backspace)], .deleteBackward, "Delete a character"),
            KeyBinding(.filter, [.printable], .type, "Type the filter"),
            KeyBinding(.form, [k(.escape)], .close, "Cancel"),
            KeyBinding(.form, [k(.enter)], .submit, "Submit"),
            KeyBinding(.form, [k(.tab), k(.down)], .nextField, "Next field"),
            KeyBinding(.form, [k(.backTab), k(.up)], .previousField, "Previous field"),
            KeyBinding(.form, [k(.left)], .previousChoice, "Previous choice"),
            KeyBinding(.form, [k(.right)], .nextChoice, "Next choice"),
            KeyBinding(.form, [k(.backspace)], .deleteBackward, "Delete a character"),
            KeyBinding(.form, [.printable], .type, "Type into the field"),
            KeyBinding(.lessons, [k(.escape), c("L"), c("q")], .close, "Close the list"),
            KeyBinding(.lessons, [k(.up), c("k")], .moveUp, "Select the lesson above"),
            KeyBinding(.lessons, [k(.down), c("j")], .moveDown, "Select the lesson below"),
            KeyBinding(.lessons, [k(.enter)], .submit, "Open the selected lesson (restarts the run)", kind: .openLesson),
            KeyBinding(.explain, [k(.escape), c("e"), c("q"), k(.enter)], .close, "Close the explanation"),
            KeyBinding(.explain, [k(.up), c("k")], .moveUp, "Scroll up"),
            KeyBinding(.explain, [k(.down), c("j")], .moveDown, "Scroll down"),
            KeyBinding(.confirm, [c("y"), k(.enter)], .confirm, "Yes, do it"),
            KeyBinding(.confirm, [c("n"), k(.escape)], .decline, "No, cancel"),
        ]
    }()

    /// The binding a key triggers in a context (`anywhere` bindings first).
    public static func binding(for key: Key, in context: KeyContext) -> KeyBinding? {
        bindings.first { $0.context == .anywhere && $0.keys.contains { $0.matches(key) } }
            ?? bindings.first { $0.context == context && $0.keys.contains { $0.matches(key) } }
    }

    /// The first binding of an action in the panels context (for hints and the palette).
    public static func binding(for action: Action) -> KeyBinding? {
        bindings.first { $0.context == .normal && $0.action == action }
    }

    /// Why a binding cannot act now on the selected row (`target`, nil when none), or nil when it can.
    public static func disabledReason(_ binding: KeyBinding, readOnly: Bool, capabilities: Capabilities,
                                      on target: CapabilityTarget? = nil) -> String? {
        guard let kind = binding.kind else { return nil }
        if readOnly, kind != .inspect, !readOnlyActions.contains(binding.action) { return "read-only" }
        if let reason = capabilities.reasonUnavailable(kind) { return "unavailable: " + reason }
        guard let target, case .unavailable(let reason) = capabilities.availability(kind, on: target) else { return nil }
        return "unavailable on \(target): " + reason
    }

    /// What a binding does instead of what it promises, when the backend has it only in part (`browse only: ...`),
    /// everywhere or on the selected row.
    public static func partialNote(_ binding: KeyBinding, capabilities: Capabilities, on target: CapabilityTarget? = nil) -> String? {
        guard let kind = binding.kind, case .partial(let instead) = capabilities.availability(kind, on: target) else { return nil }
        if let target, capabilities.perTarget[target]?[kind] != nil { return "on \(target): " + instead }
        return instead
    }

    /// Why `commands` cannot be sent now, each judged by its own kind, or nil when they can: the refused
    /// command's kind and the reason.
    public static func disabledReason(sending commands: [Command], readOnly: Bool,
                                      capabilities: Capabilities) -> (kind: CommandKind, reason: String)? {
        for command in commands {
            if readOnly, !readOnlyAllows(command) { return (command.kind, "read-only") }
            if let reason = capabilities.refusal(of: command) { return (command.kind, "unavailable: " + reason) }
        }
        return nil
    }

    /// The keys read-only mode keeps: time control (a teacher projecting a run must be able to pause
    /// it) and moving through a lesson's narrative. Browsing has no command kind, or `inspect`.
    public static let readOnlyActions: Set<Action> = [.togglePause, .step, .slower, .faster, .lessonNext, .lessonPrevious]

    /// Whether read-only mode lets `command` through: it watches and controls time, and changes
    /// nothing in the system (a restart, even with the same scenario, is a change).
    public static func readOnlyAllows(_ command: Command) -> Bool {
        switch command {
        case .setPaused, .setSpeed, .step, .inspect, .lessonStep: true
        case .publish, .pause, .resume, .seek, .skip, .addInstance, .removeInstance, .crash, .restart, .injectPoison,
             .setOutage, .setRateMultiplier, .redrive, .purge, .copyToDeadLetter, .claim, .restartRun, .openLesson: false
        }
    }
}
