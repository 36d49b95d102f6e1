public import SluiceModel

extension DashboardApp {
    /// Draws the whole screen for a state and a snapshot.
    public static func view(_ state: DashboardState, _ snapshot: SystemSnapshot, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(into: &buffer)
            return buffer
        }
        let context = ViewContext(state: keepingFocusVisible(state, snapshot), snapshot: snapshot)
        HeaderBar.render(context, Rect(x: 0, y: 0, width: width, height: 1), into: &buffer)
        let panelsArea = Rect(x: 0, y: 1, width: width, height: height - 2)
        let panels = visiblePanels(snapshot)
        let elastic: Set<PanelID> = snapshot.inspection == nil ? [.events] : [.events, .inspector]
        let layout = ScreenLayout.arrange(panelsArea, panels: panels, focus: context.state.focus, zoomed: state.zoomed,
                                          elastic: elastic) {
            wantedHeight($0, context, screenWidth: width, panels: panels)
        }
        for (panel, rect) in layout {
            drawPanel(panel, in: rect, context, into: &buffer)
        }
        StatusBar.render(context, Rect(x: 0, y: height - 1, width: width, height: 1), into: &buffer)
        Overlays.render(context, panelsArea, into: &buffer)
        if state.ascii { buffer.makeASCII() }
        return buffer
    }

    static func drawPanel(_ panel: PanelID, in rect: Rect, _ context: ViewContext, into buffer: inout Buffer) {
        let state = context.state
        var trailer: [String] = []
        if !state.filter.isEmpty, !context.items(panel).isEmpty || [.partitions, .groups, .queues, .events].contains(panel) {
            trailer.append("filter: " + UntrustedText.escape(state.filter))
        }
        if state.zoomed { trailer.append("z: unzoom") }
        let block = Block(title: panelTitle(panel, context), trailer: trailer.joined(separator: " · "),
                          focused: state.focus == panel, glyphs: context.glyphs)
        let inner = block.render(rect, into: &buffer)
        guard !inner.isEmpty else { return }
        switch panel {
        case .partitions: PartitionsPanel.render(context, inner, into: &buffer)
        case .groups: GroupsPanel.render(context, inner, into: &buffer)
        case .throughput: ThroughputPanel.render(context, inner, into: &buffer)
        case .retries: RetriesPanel.render(context, inner, into: &buffer)
        case .queues: QueuesPanel.render(context, inner, into: &buffer)
        case .events: EventLogPanel.render(context, inner, into: &buffer)
        case .inspector: InspectorPanel.render(context, inner, into: &buffer)
        case .lesson: LessonPanel.render(context, inner, into: &buffer)
        }
    }

    /// Rows a panel would use to show what it holds (borders included), from the shape of the system
    /// rather than from what has happened so far, so that heights stay put as a run goes on.
    static func wantedHeight(_ panel: PanelID, _ context: ViewContext, screenWidth: Int, panels: [PanelID]) -> Int {
        let snapshot = context.snapshot
        let borders = 2
        switch panel {
        case .partitions: return context.items(.partitions).count + 2 + borders
        case .groups, .queues: return context.items(panel).count + 1 + borders
        // The log is open-ended: it takes the rows left over, and asks for this many when there are none.
        case .events: return 8 + 1 + borders
        case .throughput: return 8 + snapshot.groups.count * 2 + borders
        case .retries:
            guard !snapshot.queues.isEmpty else { return 4 + borders }
            // A row per delivery a message may get (a few without a limit), the reasons when there is a DLQ.
            let deliveryRows = min(6, snapshot.queues.compactMap(\.maxDeliveries).max() ?? 2)
            let deadLetterQueues = snapshot.queues.filter { $0.isDeadLetterQueue }.count
            let details = 1 + deliveryRows + 1 + (deadLetterQueues > 0 ? RetriesPanel.reasonsWanted : 0)
            let sideBySide = ScreenLayout.approximateWidth(of: .retries, screenWidth: screenWidth, panels: panels) - borders
                >= RetriesPanel.sideBySideWidth
            let charts = 1 + deadLetterQueues
            return (sideBySide ? max(details, 2 * charts) : charts + details) + borders
        case .inspector:
            // Nothing inspected: two lines of how to start.
            guard let inspection = snapshot.inspection else { return 2 + borders }
            return min(inspection.messages.count + 1, 12) + 16 + borders
        case .lesson:
            let width = ScreenLayout.approximateWidth(of: .lesson, screenWidth: screenWidth, panels: panels) - borders
            return LessonPanel.lines(snapshot, width: width).count + 1 + borders
        }
    }

    static func panelTitle(_ panel: PanelID, _ context: ViewContext) -> String {
        switch panel {
        case .inspector: InspectorPanel.title(context)
        case .lesson: LessonPanel.title(context)
        default: panel.title
        }
    }

    static func drawTooSmall(into buffer: inout Buffer) {
        let lines = ["terminal too small (need \(minimumWidth)x\(minimumHeight))",
                     "now \(buffer.width)x\(buffer.height): enlarge the window, or q to quit"]
        let top = max(0, buffer.height / 2 - 1)
        for (offset, text) in lines.enumerated() {
            let cut = Format.truncate(text, to: buffer.width)
            buffer.put(cut, x: max(0, (buffer.width - CharacterWidth.of(cut)) / 2), y: top + offset,
                       style: offset == 0 ? Style(.warn, attributes: .bold) : .muted)
        }
    }
}

/// The top line: scenario, simulated time, speed or paused, seed, produced/s and consumed/s.
enum HeaderBar {
    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let snapshot = context.snapshot
        buffer.fill(area, style: Style(.title, attributes: .reverse))
        let clock = snapshot.clock
        var spans: [Span] = area.width >= 100 ? [Span(" Sluice ", Style(.accent, attributes: [.bold, .reverse]))] : []
        // On a narrow screen the scenario's name gives up its end, then the rates and the seed go whole.
        spans += [
            Span(" " + UntrustedText.escape(snapshot.source.name) + " ", Style(.title, attributes: [.bold, .reverse]),
                 fit: .shrink(keeping: 10)),
            Span(" t=" + Format.clock(clock.now) + " ", Style(.title, attributes: .reverse)),
        ]
        if clock.finished {
            spans.append(Span(" finished ", Style(.muted, attributes: [.bold, .reverse])))
        } else if clock.paused {
            spans.append(Span(" PAUSED ", Style(.warn, attributes: [.bold, .reverse])))
        } else {
            spans.append(Span(" " + Format.speed(clock.speed) + " ", Style(.ok, attributes: [.bold, .reverse])))
            if let reached = clock.reachedSpeed {
                let shown = reached < 0.01 ? "under 0.01x" : Format.speed(reached)
                spans.append(Span(" running at " + shown + " of the asked speed ", Style(.warn, attributes: [.bold, .reverse])))
            }
        }
        if let seed = snapshot.source.seed {
            spans.append(Span(" seed \(seed) ", Style(.title, attributes: .reverse), fit: .optional))
        }
        spans.append(Span(" produced " + Format.rate(snapshot.throughput.producedPerSecond), Style(.title, attributes: .reverse),
                          fit: .optional))
        spans.append(Span("  consumed " + Format.rate(snapshot.throughput.consumedPerSecond) + " ",
                          Style(.title, attributes: .reverse), fit: .optional))
        if context.state.readOnly { spans.append(Span(" READ-ONLY ", Style(.warn, attributes: [.bold, .reverse]))) }
        if let problem = snapshot.connectionProblem {
            spans.append(Span(" " + UntrustedText.escape(problem) + " ", Style(.error, attributes: [.bold, .reverse])))
        }
        Line(spans).render(x: area.x, y: area.y, maxWidth: area.width, into: &buffer)
    }
}

/// The bottom line: the last outcome or hint, else the main keys; the theme on the right.
enum StatusBar {
    /// Narrower than this, the right side says nothing whole, so it gives its room to the status.
    static let shortestRight = 12

    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        let state = context.state
        buffer.fill(area, style: .muted)
        var right = "theme " + state.themeName
        if state.readOnly {
            right = "read-only · " + right
        } else if let unavailable = unavailableSummary(context.snapshot.capabilities) {
            right = unavailable + " (? says why) · " + right
        }
        // An outcome (a refusal and its reason) has first claim on the line; the right side takes what is left.
        var rightWidth = min(CharacterWidth.of(right), area.width / 2)
        if let status = state.status {
            rightWidth = min(CharacterWidth.of(right), max(0, area.width - CharacterWidth.of(status.text) - 2))
            if rightWidth < Self.shortestRight { rightWidth = 0 }
        }
        if rightWidth > 0 {
            buffer.put(Format.truncate(right, to: rightWidth), x: area.maxX - rightWidth, y: area.y, style: .muted)
        }
        let room = area.width - rightWidth - (rightWidth > 0 ? 1 : 0)
        if let status = state.status {
            let style: Style = switch status.tone {
            case .info: .accent
            case .success: .ok
            case .failure: Style(.error, attributes: .bold)
            }
            buffer.put(Format.truncate(status.text, to: room), x: area.x, y: area.y, style: style)
            return
        }
        let hints: [(String, String)] = [("?", "help"), ("Tab", "focus"), ("Enter", "open"), ("z", "zoom"),
                                         ("/", "filter"), (":", "palette"), ("Space", "pause"), ("q", "quit")]
        // Whole hints only: a key without what it does says nothing.
        var spans: [Span] = []
        var used = 0
        for (key, label) in hints {
            let width = CharacterWidth.of(key) + 1 + CharacterWidth.of(label)
            guard used + width <= room else { break }
            spans.append(Span(key, Style(.accent, attributes: .bold)))
            spans.append(Span(" " + label + "  ", .muted))
            used += width + 2
        }
        Line(spans).render(x: area.x, y: area.y, maxWidth: room, into: &buffer)
    }

    /// `pause/resume unavailable`, `replay and scaling unavailable`, `4 actions unavailable`; nil when all work.
    static func unavailableSummary(_ capabilities: Capabilities) -> String? {
        // One engine's own actions (NATS's copy to a DLQ, Redis's claim) missing elsewhere is no news on every
        // other backend's screen; help still says why they are missing.
        let kinds = CommandKind.allCases.filter { !capabilities.allows($0) && !$0.isOneEnginesOwn }
        // A family wholly off counts once, by its family's name.
        var labels: [String] = []
        var counted: Set<CommandKind> = []
        for kind in kinds where !counted.contains(kind) {
            if let family = CommandKind.families.first(where: { $0.kinds.contains(kind) }),
               family.kinds.allSatisfy({ !capabilities.allows($0) }) {
                labels.append(CommandKind.familyLabel(family.name))
                counted.formUnion(family.kinds)
            } else {
                labels.append(kind.label)
            }
        }
        switch labels.count {
        case 0: return nil
        case 1, 2: return labels.joined(separator: " and ") + " unavailable"
        default: return "\(labels.count) actions unavailable"
        }
    }
}

extension CommandKind {
    /// An action only one engine has, which the header does not count as missing on the others.
    var isOneEnginesOwn: Bool { self == .claim || self == .copyToDeadLetter }

    /// How the status line names a kind of action.
    var label: String {
        switch self {
        case .publish: "publish"
        case .pauseResume: "pause/resume"
        case .seek: "replay"
        case .addInstance: "adding instances"
        case .removeInstance: "removing instances"
        case .crash: "crash/restart"
        case .poison: "poison"
        case .outage: "outages"
        case .rate: "rate spikes"
        case .redrive: "redrive"
        case .purge: "purge"
        case .copyToDeadLetter: "copy to DLQ"
        case .claim: "claim"
        case .pauseTime: "pause"
        case .step: "step"
        case .speed: "speed"
        case .restartRun: "restart"
        case .inspect: "inspect"
        case .lessonStep: "lesson steps"
        case .openLesson: "opening lessons"
        }
    }

    /// How the status line names a family of kinds that are all off.
    static func familyLabel(_ family: String) -> String {
        switch family {
        case "time": "time control"
        case "scale": "scaling"
        case "lesson": "lessons"
        default: family
        }
    }
}
