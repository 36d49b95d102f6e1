import Dashboard
import SluiceModel
import Testing

/// One expectation for a key-map row: from a state (and snapshot), the state and commands a key leads to.
struct UpdateCase: CustomStringConvertible, Sendable {
    let context: KeyContext
    let action: Action
    var snapshot: SystemSnapshot = Fixtures.checkout
    let start: DashboardState
    /// The expected state, derived from `start` (status is cleared by every key unless set here).
    let expected: @Sendable (inout DashboardState) -> Void
    var commands: [Command] = []

    var description: String { "\(context.rawValue)/\(action.rawValue)" }
}

/// Every row of the key map has a case here; a key added without one fails `everyBindingHasACase`.
enum UpdateCases {
    static let snapshot = Fixtures.checkout
    static var groupCount: Int { PanelItems.items(.groups, snapshot, filter: "").count }

    static func with(_ state: DashboardState, _ change: (inout DashboardState) -> Void) -> DashboardState {
        var copy = state
        change(&copy)
        return copy
    }

    static func confirm(_ question: String, _ commands: [Command], replay: ReplayRequest? = nil) -> Overlay {
        .confirm(Confirmation(question: question, commands: commands, replay: replay))
    }

    /// The offset the inspector starts at for a partition: the slowest group's committed offset.
    static func inspectOffset(_ topic: String, _ partition: Int) -> Int64 {
        let log = snapshot.topics.first { $0.name == topic }!.partitions[partition]
        let committed = snapshot.groups.compactMap { $0.partitions.first { $0.partition == partition }?.committedOffset }.min()!
        return max(log.logStartOffset, committed)
    }

    static let publishForm: Form = {
        guard case .form(let form) = DashboardApp.update(Fixtures.state(focus: .partitions, on: .topic("orders")),
                                                         .key(.char("P")), snapshot).0.overlay else { return Form(purpose: .publish, fields: []) }
        return form
    }()

    /// `field` with the option shown as `label` chosen.
    static func choosing(_ label: String, in field: FormField) -> FormField {
        FormField(name: field.name, options: field.options, selecting: field.options.first { $0.label == label }?.value)
    }

    static let replayForm: Form = {
        guard case .form(let form) = DashboardApp.update(Fixtures.state(focus: .groups, on: .group(.group(GroupID("billing", stream: "orders")))),
                                                         .key(.char("r")), snapshot).0.overlay else { return Form(purpose: .replay, fields: []) }
        return form
    }()

    static func form(_ form: Form, _ change: (inout Form) -> Void = { _ in }) -> DashboardState {
        var copy = form
        change(&copy)
        return with(Fixtures.state) { $0.overlay = .form(copy) }
    }

    static let all: [UpdateCase] = {
        let base = Fixtures.state
        let groups = Fixtures.state(focus: .groups, on: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"))
        let queues = Fixtures.state(focus: .queues, on: .queue("emails"))
        let topic = Fixtures.state(focus: .partitions, on: .topic("orders"))
        let n = groupCount
        let palette = with(base) { $0.overlay = .palette(query: "ab", selected: 2) }
        let filtering = with(base) { $0.filter = "bil"; $0.overlay = .filter(previous: "x") }
        let confirming = with(base) { $0.overlay = confirm("Crash billing/1?", [.crash(instance: "billing/1")]) }
        let listing = with(base) { $0.overlay = .lessons(selected: 1); $0.filter = "bil"; $0.selection[.groups] = 3 }
        let explaining = with(groups) { $0.overlay = .explain(panel: .groups, item: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"), scroll: 2) }
        return [
            UpdateCase(context: .anywhere, action: .quit, start: base, expected: { $0.shouldQuit = true }),
            UpdateCase(context: .normal, action: .quit, start: base, expected: { $0.shouldQuit = true }),
            UpdateCase(context: .normal, action: .focusNext, start: base, expected: { $0.focus = .groups }),
            UpdateCase(context: .normal, action: .focusPrevious, start: base, expected: { $0.focus = .inspector }),
            UpdateCase(context: .normal, action: .moveUp, start: with(groups) { $0.selection[.groups] = 3 },
                       expected: { $0.selection[.groups] = 2 }),
            UpdateCase(context: .normal, action: .moveDown, start: with(groups) { $0.selection[.groups] = 3 },
                       expected: { $0.selection[.groups] = 4 }),
            UpdateCase(context: .normal, action: .pageUp, start: with(groups) { $0.selection[.groups] = n - 1 },
                       expected: { $0.selection[.groups] = max(0, n - 11) }),
            UpdateCase(context: .normal, action: .pageDown, start: with(groups) { $0.selection[.groups] = 0 },
                       expected: { $0.selection[.groups] = min(n - 1, 10) }),
            UpdateCase(context: .normal, action: .moveFirst, start: with(groups) { $0.selection[.groups] = 5 },
                       expected: { $0.selection[.groups] = 0 }),
            UpdateCase(context: .normal, action: .moveLast, start: groups, expected: { $0.selection[.groups] = n - 1 }),
            UpdateCase(context: .normal, action: .open, start: Fixtures.state(focus: .partitions, on: .partition(topic: "orders", index: 2)),
                       expected: { $0.focus = .inspector; $0.selection[.inspector] = 0 },
                       commands: [.inspect(.partition(topic: "orders", partition: 2, fromOffset: inspectOffset("orders", 2)))]),
            UpdateCase(context: .normal, action: .back, start: with(base) { $0.zoomed = true }, expected: { $0.zoomed = false }),
            UpdateCase(context: .normal, action: .toggleZoom, start: base, expected: { $0.zoomed = true }),
            UpdateCase(context: .normal, action: .showHelp, start: base, expected: { $0.overlay = .help(scroll: 0) }),
            UpdateCase(context: .normal, action: .openPalette, start: base, expected: { $0.overlay = .palette(query: "", selected: 0) }),
            UpdateCase(context: .normal, action: .openFilter, start: with(base) { $0.filter = "bil" },
                       expected: { $0.overlay = .filter(previous: "bil") }),
            UpdateCase(context: .normal, action: .cycleTheme, start: base,
                       expected: { $0.themeIndex = 1; $0.status = StatusLine("theme: paper") }),
            UpdateCase(context: .normal, action: .explain, start: groups, expected: {
                $0.overlay = .explain(panel: .groups, item: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"), scroll: 0)
            }),
            UpdateCase(context: .normal, action: .togglePause, start: base, expected: { _ in }, commands: [.setPaused(true)]),
            UpdateCase(context: .normal, action: .step, start: base, expected: { _ in }, commands: [.setPaused(true), .step]),
            UpdateCase(context: .normal, action: .slower, start: base, expected: { _ in }, commands: [.setSpeed(0.5)]),
            UpdateCase(context: .normal, action: .faster, start: base, expected: { _ in }, commands: [.setSpeed(2)]),
            UpdateCase(context: .normal, action: .restartWithNewSeed, start: base, expected: { state in
                var generator = SeededGenerator(seed: 42)
                let seed = generator.next()
                state.overlay = confirm("Restart the run from the beginning with seed \(seed)?", [.restartRun(seed: seed)])
            }),
            UpdateCase(context: .normal, action: .publish, start: topic, expected: { $0.overlay = .form(publishForm) }),
            UpdateCase(context: .normal, action: .pauseResume, start: groups, expected: { _ in },
                       commands: [.pause(consumers: .group(GroupID("billing", stream: "orders")), member: "billing/1")]),
            UpdateCase(context: .normal, action: .replay, start: groups, expected: { $0.overlay = .form(replayForm) }),
            UpdateCase(context: .normal, action: .claim, start: groups, expected: {
                $0.overlay = .form(Form(purpose: .claim, fields: [
                    FormField(name: "group", options: ["orders/billing", "orders/inventory", "orders/analytics"].map { name in
                        FormChoice(name, .group(GroupID(String(name.dropFirst(7)), stream: "orders")))
                    }, selecting: .group(GroupID("billing", stream: "orders"))),
                    FormField(name: "for consumer", text: "billing/2", hint: "the consumer that takes them (a new name is made)"),
                    FormField(name: "idle at least", text: "30s", hint: "a duration: 500ms, 30s, 5m"),
                ]))
            }),
            UpdateCase(context: .normal, action: .browse, start: Fixtures.state(focus: .partitions, on: .partition(topic: "orders", index: 2)),
                       expected: {
                $0.overlay = .form(Form(purpose: .browse, fields: [
                    FormField(name: "topic", text: "orders", choices: ["orders"], hint: "←/→ choose"),
                    FormField(name: "partition", options: (0..<6).map {
                        FormChoice(String($0), .partition(PartitionRef(topic: "orders", partition: $0)))
                    }, selecting: .partition(PartitionRef(topic: "orders", partition: 2))),
                    FormField(name: "from", text: "offset", choices: ["offset", "time"], hint: "←/→ choose"),
                    FormField(name: "offset or time", hint: "an offset; a time since the start (90s, 5m, 12.5) or before now (-5m)"),
                ]))
            }),
            UpdateCase(context: .normal, action: .addInstance, start: groups, expected: { _ in },
                       commands: [.addInstance(consumer: "billing")]),
            UpdateCase(context: .normal, action: .removeInstance, start: groups, expected: {
                $0.overlay = confirm("Remove one instance of billing? Its partitions move to the others.",
                                     [.removeInstance(consumer: "billing")])
            }),
            UpdateCase(context: .normal, action: .skipStuck, start: groups, expected: {
                $0.status = StatusLine("billing/1 is not stuck on a record", .info)
            }),
            UpdateCase(context: .normal, action: .crashOrRestart, start: groups, expected: {
                $0.overlay = confirm("Crash billing/1? Its in-flight work is lost and redelivered.", [.crash(instance: "billing/1")])
            }),
            UpdateCase(context: .normal, action: .poison, start: queues, expected: {
                $0.overlay = confirm("Send a poison message to emails?", [.injectPoison(target: "emails")])
            }),
            UpdateCase(context: .normal, action: .outage, start: base, expected: {
                $0.overlay = confirm("Start an outage of email-provider? Calls to it fail until you stop it.",
                                     [.setOutage(downstream: "email-provider", down: true)])
            }),
            UpdateCase(context: .normal, action: .rateSpike, start: topic, expected: { _ in },
                       commands: [.setRateMultiplier(producer: "checkout", multiplier: 10)]),
            UpdateCase(context: .normal, action: .redrive, start: queues, expected: {
                $0.overlay = .form(.redrive(snapshot, queue: "emails.dlq"))
            }),
            UpdateCase(context: .normal, action: .purge, start: queues, expected: {
                let waiting = snapshot.queues.first { $0.name == "emails" }?.waiting ?? -1
                $0.overlay = confirm("Purge emails? Its \(waiting) ready messages are dropped for good; unacknowledged ones "
                                     + "stay with their consumers.", [.purge(queue: "emails")])
            }),
            UpdateCase(context: .normal, action: .lessonNext, snapshot: Fixtures.lesson, start: base, expected: { _ in },
                       commands: [.lessonStep(delta: 1)]),
            UpdateCase(context: .normal, action: .lessonPrevious, snapshot: Fixtures.lesson, start: base, expected: { _ in },
                       commands: [.lessonStep(delta: -1)]),
            UpdateCase(context: .normal, action: .openLessons, start: base, expected: { $0.overlay = .lessons(selected: 0) }),
            UpdateCase(context: .lessons, action: .close, start: listing, expected: { $0.overlay = .none }),
            UpdateCase(context: .lessons, action: .moveUp, start: listing, expected: { $0.overlay = .lessons(selected: 0) }),
            UpdateCase(context: .lessons, action: .moveDown, start: listing, expected: { $0.overlay = .lessons(selected: 2) }),
            UpdateCase(context: .lessons, action: .submit, start: listing, expected: {
                $0.overlay = .none; $0.filter = ""; $0.selection = [:]; $0.focus = .lesson
            }, commands: [.openLesson(name: snapshot.lessonCatalog[1].name)]),
            UpdateCase(context: .explain, action: .close, start: explaining, expected: { $0.overlay = .none }),
            UpdateCase(context: .explain, action: .moveUp, start: explaining, expected: {
                $0.overlay = .explain(panel: .groups, item: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"), scroll: 1)
            }),
            UpdateCase(context: .explain, action: .moveDown, start: explaining, expected: {
                $0.overlay = .explain(panel: .groups, item: .member(group: .group(GroupID("billing", stream: "orders")), member: "billing/1"), scroll: 3)
            }),
            UpdateCase(context: .help, action: .close, start: with(base) { $0.overlay = .help(scroll: 3) },
                       expected: { $0.overlay = .none }),
            UpdateCase(context: .help, action: .moveUp, start: with(base) { $0.overlay = .help(scroll: 3) },
                       expected: { $0.overlay = .help(scroll: 2) }),
            UpdateCase(context: .help, action: .moveDown, start: with(base) { $0.overlay = .help(scroll: 3) },
                       expected: { $0.overlay = .help(scroll: 4) }),
            UpdateCase(context: .help, action: .pageUp, start: with(base) { $0.overlay = .help(scroll: 3) },
                       expected: { $0.overlay = .help(scroll: 0) }),
            UpdateCase(context: .help, action: .pageDown, start: with(base) { $0.overlay = .help(scroll: 3) },
                       expected: { $0.overlay = .help(scroll: 13) }),
            UpdateCase(context: .palette, action: .close, start: palette, expected: { $0.overlay = .none }),
            UpdateCase(context: .palette, action: .submit, start: with(base) { $0.overlay = .palette(query: "full screen", selected: 0) },
                       expected: { $0.overlay = .none; $0.zoomed = true }),
            UpdateCase(context: .palette, action: .moveUp, start: palette, expected: { $0.overlay = .palette(query: "ab", selected: 1) }),
            UpdateCase(context: .palette, action: .moveDown, start: with(base) { $0.overlay = .palette(query: "", selected: 0) },
                       expected: { $0.overlay = .palette(query: "", selected: 1) }),
            UpdateCase(context: .palette, action: .deleteBackward, start: palette, expected: { $0.overlay = .palette(query: "a", selected: 0) }),
            UpdateCase(context: .palette, action: .type, start: palette, expected: { $0.overlay = .palette(query: "abx", selected: 0) }),
            UpdateCase(context: .filter, action: .submit, start: filtering, expected: { $0.overlay = .none }),
            UpdateCase(context: .filter, action: .close, start: filtering, expected: { $0.overlay = .none; $0.filter = "x" }),
            UpdateCase(context: .filter, action: .deleteBackward, start: filtering, expected: { $0.filter = "bi" }),
            UpdateCase(context: .filter, action: .type, start: filtering, expected: { $0.filter = "bilx" }),
            UpdateCase(context: .form, action: .close, start: form(publishForm), expected: { $0.overlay = .none }),
            UpdateCase(context: .form, action: .submit, start: form(publishForm) { $0.fields[1].text = "k"; $0.fields[2].text = "v" },
                       expected: { $0.overlay = .none },
                       commands: [.publish(target: "orders", key: "k", value: Array("v".utf8), headers: [], messageId: nil)]),
            UpdateCase(context: .form, action: .nextField, start: form(publishForm),
                       expected: { $0 = form(publishForm) { $0.focusedField = 1 } }),
            UpdateCase(context: .form, action: .previousField, start: form(publishForm),
                       expected: { $0 = form(publishForm) { $0.focusedField = $0.fields.count - 1 } }),
            UpdateCase(context: .form, action: .previousChoice, start: form(replayForm),
                       expected: { $0 = form(replayForm) { $0.fields[0] = Self.choosing("orders/analytics", in: $0.fields[0]) } }),
            UpdateCase(context: .form, action: .nextChoice, start: form(replayForm),
                       expected: { $0 = form(replayForm) { $0.fields[0] = Self.choosing("orders/inventory", in: $0.fields[0]) } }),
            UpdateCase(context: .form, action: .deleteBackward, start: form(publishForm) { $0.focusedField = 1; $0.fields[1].text = "ab" },
                       expected: { $0 = form(publishForm) { $0.focusedField = 1; $0.fields[1].text = "a" } }),
            UpdateCase(context: .form, action: .type, start: form(publishForm) { $0.focusedField = 1 },
                       expected: { $0 = form(publishForm) { $0.focusedField = 1; $0.fields[1].text = "x" } }),
            UpdateCase(context: .confirm, action: .confirm, start: confirming, expected: { $0.overlay = .none },
                       commands: [.crash(instance: "billing/1")]),
            UpdateCase(context: .confirm, action: .decline, start: confirming,
                       expected: { $0.overlay = .none; $0.status = StatusLine("cancelled") }),
        ]
    }()
}

@Suite struct KeyMapUpdateTests {
    /// Keys to press for a pattern: the bound key, or a sample character for "any printable".
    static func keys(for pattern: KeyPattern) -> [Key] {
        switch pattern {
        case .key(let key): [key]
        case .printable: [.char("x")]
        }
    }

    @Test func everyBindingHasACase() throws {
        for binding in KeyMap.bindings {
            #expect(UpdateCases.all.contains { $0.context == binding.context && $0.action == binding.action },
                    "no update case for \(binding.context.rawValue)/\(binding.action.rawValue) (\(binding.keyLabel))")
        }
    }

    @Test(arguments: KeyMap.bindings.indices)
    func everyKeyLeadsToTheExpectedStateAndCommands(_ index: Int) throws {
        let binding = KeyMap.bindings[index]
        let testCase = try #require(UpdateCases.all.first { $0.context == binding.context && $0.action == binding.action })
        for pattern in binding.keys {
            for key in Self.keys(for: pattern) {
                #expect(KeyMap.binding(for: key, in: testCase.start.overlay.context)?.action == binding.action,
                        "\(key) in \(testCase) is taken by another binding")
                var expected = testCase.start
                expected.status = nil
                testCase.expected(&expected)
                let (state, commands) = DashboardApp.update(testCase.start, .key(key), testCase.snapshot)
                #expect(state == expected, "\(testCase) via \(key)")
                #expect(commands.commands == testCase.commands, "\(testCase) via \(key)")
            }
        }
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            let keys = KeyMap.bindings.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "duplicate key in \(context)")
        }
    }
}
