public import SluiceModel

/// The dashboard as two pure functions: `view` draws a state and a snapshot into a buffer,
/// `update` turns an input into a new state and its effects (commands to send, questions to ask).
public enum DashboardApp {
    /// The smallest terminal the panels fit in; below it the screen says so instead.
    public static let minimumWidth = 70
    public static let minimumHeight = 20

    /// Speeds `<` and `>` step through.
    public static let speeds: [Double] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100]

    public static func update(_ state: DashboardState, _ input: Input, _ snapshot: SystemSnapshot)
        -> (DashboardState, [Effect]) {
        var reducer = Reducer(state: state, snapshot: snapshot)
        switch input {
        case .key(let key):
            reducer.state.status = nil
            if let binding = KeyMap.binding(for: key, in: state.overlay.context) {
                reducer.run(binding, key: key)
            }
        case .seekCount(let count, let replay):
            if case .confirm(var confirmation) = state.overlay, confirmation.replay == replay {
                confirmation.backendCount = count
                reducer.state.overlay = .confirm(confirmation)
            }
        case .outcome(.done(let text)):
            reducer.state.status = StatusLine(UntrustedText.escape(text), .success)
        case .outcome(.failed(let text)):
            reducer.state.status = StatusLine(UntrustedText.escape(text), .failure)
        }
        return (reducer.state, reducer.commands.map(Effect.send) + reducer.questions)
    }

    /// The panels on screen for this snapshot, in Tab order: those with nothing to show (no topics,
    /// no consumers, no queues; the lesson while none runs) give their room away.
    public static func visiblePanels(_ snapshot: SystemSnapshot) -> [PanelID] {
        PanelID.allCases.filter { panel in
            switch panel {
            case .partitions: !snapshot.topics.isEmpty
            case .groups: PanelItems.hasConsumers(snapshot)
            case .queues: !snapshot.queues.isEmpty || !snapshot.breakers.isEmpty
            case .lesson: snapshot.lesson != nil || !snapshot.checks.isEmpty
            case .throughput, .retries, .events, .inspector: true
            }
        }
    }

    /// `state` with its focus on a panel that is on screen: the first one (with content, so a run
    /// starts there) when the focused panel has nothing to show. The loop may call it with the first
    /// snapshot; `view` and `update` apply it too, so what is drawn focused is what keys act on.
    public static func keepingFocusVisible(_ state: DashboardState, _ snapshot: SystemSnapshot) -> DashboardState {
        let panels = visiblePanels(snapshot)
        guard !panels.contains(state.focus), let first = panels.first else { return state }
        var moved = state
        moved.focus = first
        return moved
    }

    /// A new seed derived from the current one (splitmix64), so restarts stay reproducible.
    static func nextSeed(after seed: UInt64?) -> UInt64 {
        var generator = SeededGenerator(seed: seed ?? 0)
        return generator.next()
    }
}

/// Applies one action to the state, collecting the commands it leads to.
struct Reducer {
    var state: DashboardState
    let snapshot: SystemSnapshot
    var commands: [Command] = []
    /// Questions for the backend, such as how many records a replay re-reads.
    var questions: [Effect] = []

    init(state: DashboardState, snapshot: SystemSnapshot) {
        self.state = DashboardApp.keepingFocusVisible(state, snapshot)
        self.snapshot = snapshot
    }

    var targets: Targets { Targets(state: state, snapshot: snapshot) }

    /// Runs a binding unless read-only mode or the backend's capabilities rule it out.
    mutating func run(_ binding: KeyBinding, key: Key) {
        let target = binding.context == .normal ? targets.capabilityTarget : nil
        if let reason = KeyMap.disabledReason(binding, readOnly: state.readOnly, capabilities: snapshot.capabilities, on: target) {
            state.status = StatusLine(binding.summary + ": " + UntrustedText.escape(reason), .failure)
            return
        }
        switch binding.context {
        case .anywhere, .normal: perform(binding.action)
        case .help: helpAction(binding.action)
        case .palette: paletteAction(binding.action, key: key)
        case .filter: filterAction(binding.action, key: key)
        case .form: formAction(binding.action, key: key)
        case .confirm: confirmAction(binding.action)
        case .lessons: lessonListAction(binding.action)
        case .explain: explainAction(binding.action)
        }
    }

    /// Sends `new`, or, when one of them cannot go, none of them and says why.
    mutating func send(_ new: [Command]) {
        if let refused = KeyMap.disabledReason(sending: new, readOnly: state.readOnly, capabilities: snapshot.capabilities) {
            state.status = StatusLine(refused.kind.label + ": " + UntrustedText.escape(refused.reason), .failure)
            return
        }
        commands += new
    }

    /// Asks before sending `new`.
    mutating func ask(_ question: String, _ new: [Command], replay: ReplayRequest? = nil) {
        // What the backend refuses on this target is said now, not after a yes.
        if let refused = KeyMap.disabledReason(sending: new, readOnly: state.readOnly, capabilities: snapshot.capabilities) {
            state.overlay = .none
            state.status = StatusLine(refused.kind.label + ": " + UntrustedText.escape(refused.reason), .failure)
            return
        }
        state.overlay = .confirm(Confirmation(question: question, commands: new, replay: replay))
        if let replay { questions.append(.countSeek(replay)) }
    }

    mutating func hint(_ text: String) { state.status = StatusLine(text, .info) }

    // MARK: the panels context

    mutating func perform(_ action: Action) {
        switch action {
        case .quit: state.shouldQuit = true
        case .focusNext: moveFocus(by: 1)
        case .focusPrevious: moveFocus(by: -1)
        case .moveUp: moveSelection(by: -1)
        case .moveDown: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -10)
        case .pageDown: moveSelection(by: 10)
        case .moveFirst: moveSelection(by: Int.min / 2)
        case .moveLast: moveSelection(by: Int.max / 2)
        case .open: open()
        case .back: back()
        case .toggleZoom: state.zoomed.toggle()
        case .showHelp: state.overlay = .help(scroll: 0)
        case .openPalette: state.overlay = .palette(query: "", selected: 0)
        case .openFilter: state.overlay = .filter(previous: state.filter)
        case .cycleTheme:
            state.themeIndex = (state.themeIndex + 1) % state.themeNames.count
            hint("theme: " + state.themeName)
        case .explain: explain()
        default: performSystemAction(action)
        }
    }

    mutating func moveFocus(by delta: Int) {
        let panels = DashboardApp.visiblePanels(snapshot)
        let current = panels.firstIndex(of: state.focus) ?? 0
        state.focus = panels[((current + delta) % panels.count + panels.count) % panels.count]
    }

    mutating func moveSelection(by delta: Int) {
        if state.focus == .inspector, state.inspectorDetail {
            state.detailScroll = max(0, state.detailScroll.addingReportingOverflow(delta).partialValue)
            return
        }
        let count = PanelItems.items(state.focus, snapshot, filter: state.filter).count
        guard count > 0 else { return }
        let current = state.selectedIndex(state.focus, count: count) ?? 0
        if state.focus == .inspector, let page = Self.inspectorPage(from: current, count: count, by: delta, snapshot) {
            return inspect(page, selectingRow: delta > 0 ? 0 : Int.max)
        }
        state.selection[state.focus] = max(0, min(count - 1, current.addingReportingOverflow(delta).partialValue))
    }

    mutating func open() {
        switch targets.selected {
        case .topic(let topic): inspectPartition(topic: topic, index: 0)
        case .partition(let topic, let index): inspectPartition(topic: topic, index: index)
        case .queue(let name): inspect(.queue(name: name))
        case .group(let source), .member(let source, _):
            switch source {
            case .group(let id):
                guard let group = snapshot.group(id) else { return hint("\(UntrustedText.escape(id.description)) is gone") }
                inspectWhereBehind(group, member: targets.member?.member)
            case .queue(let name): inspect(.queue(name: name))
            }
        case .event(let index):
            let event = snapshot.events[index]
            guard event.correlationId != nil || event.location != nil else { return hint("this event names no message") }
            // Follow it: browse where the message is now, narrowed to its id.
            if let location = event.location { inspect(location) }
            guard let id = event.correlationId else { return }
            state.filter = id
            hint("following " + UntrustedText.escape(id) + " (Esc clears)")
        case .message:
            state.inspectorDetail.toggle()
            state.detailScroll = 0
        case .breaker: hint("press o to start or stop an outage")
        case .info, nil:
            if state.focus == .retries {
                guard let dlq = targets.deadLetterQueue else { return hint("no dead-letter queue to inspect") }
                inspect(.queue(name: dlq.name))
            } else {
                hint("nothing to open here: z zooms, e explains")
            }
        }
    }

    /// A group's records from where it stands: a member's partition (the one it is stuck on, else its
    /// first), else the partition the group lags most on, from the group's committed offset there.
    mutating func inspectWhereBehind(_ group: GroupSnapshot, member: String?) {
        let selected = group.members.first { $0.id == member }
        let behind = group.partitions.max { ($0.lag, -$0.partition) < ($1.lag, -$1.partition) }
        guard let chosen = selected?.stuck?.partition ?? selected?.assigned.min() ?? behind?.ref else {
            return hint("this group reads no partition yet")
        }
        inspectPartition(topic: chosen.topic, index: chosen.partition, readBy: [group])
    }

    /// Browses a partition from where the slowest of `readers` (every group on the topic by default)
    /// has committed, so what is still to be consumed shows first.
    mutating func inspectPartition(topic: String, index: Int, readBy readers: [GroupSnapshot]? = nil) {
        guard let partition = snapshot.topics.first(where: { $0.name == topic })?.partitions.first(where: { $0.index == index })
        else { return }
        let ref = PartitionRef(topic: topic, partition: index)
        let committed = (readers ?? snapshot.groups.filter { $0.reads(topic) }).compactMap { $0.partition(ref)?.committedOffset }.min()
        var from = max(partition.logStartOffset, committed ?? partition.logStartOffset)
        if from >= partition.logEndOffset { from = max(partition.logStartOffset, partition.logEndOffset - 50) }
        inspect(.partition(topic: topic, partition: index, fromOffset: from))
    }

    /// The next or previous page of the inspection, when the cursor would leave this one.
    static func inspectorPage(from row: Int, count: Int, by delta: Int, _ snapshot: SystemSnapshot) -> InspectTarget? {
        guard let inspection = snapshot.inspection, let first = inspection.messages.first, let last = inspection.messages.last
        else { return nil }
        let page = inspection.messages.count
        if delta > 0, row == count - 1, inspection.hasMore {
            switch inspection.target {
            case .partition(let topic, let partition, _):
                return .partition(topic: topic, partition: partition, fromOffset: (last.offset ?? 0) + 1)
            case .queue(let name, _): return .queue(name: name, skip: inspection.before + page)
            }
        }
        if delta < 0, row == 0, inspection.before > 0 {
            switch inspection.target {
            case .partition(let topic, let partition, _):
                return .partition(topic: topic, partition: partition,
                                  fromOffset: max(0, (first.offset ?? 0) - Int64(Inspection.pageSize)))
            case .queue(let name, _): return .queue(name: name, skip: max(0, inspection.before - Inspection.pageSize))
            }
        }
        return nil
    }

    mutating func inspect(_ target: InspectTarget, selectingRow row: Int = 0) {
        let before = commands.count
        send([.inspect(target)])
        guard commands.count > before else { return }
        state.focus = .inspector
        state.selection[.inspector] = row
        state.inspectorDetail = false
        state.detailScroll = 0
    }

    mutating func back() {
        if state.focus == .inspector, state.inspectorDetail {
            state.inspectorDetail = false
        } else if state.zoomed {
            state.zoomed = false
        } else if !state.filter.isEmpty {
            state.filter = ""
        } else {
            hint("q quits, ? shows every key")
        }
    }

    // MARK: overlays

    mutating func helpAction(_ action: Action) {
        guard case .help(let scroll) = state.overlay else { return }
        let delta = switch action {
        case .moveUp: -1
        case .moveDown: 1
        case .pageUp: -10
        case .pageDown: 10
        default: 0
        }
        state.overlay = action == .close ? .none : .help(scroll: max(0, scroll + delta))
    }

    mutating func filterAction(_ action: Action, key: Key) {
        guard case .filter(let previous) = state.overlay else { return }
        switch action {
        case .type: if case .char(let c) = key { state.filter.append(c) }
        case .deleteBackward: if !state.filter.isEmpty { state.filter.removeLast() }
        case .submit: state.overlay = .none
        case .close: state.filter = previous; state.overlay = .none
        default: break
        }
    }

    mutating func confirmAction(_ action: Action) {
        guard case .confirm(let confirmation) = state.overlay else { return }
        state.overlay = .none
        if action == .confirm {
            commands += confirmation.commands
        } else {
            hint("cancelled")
        }
    }
}
