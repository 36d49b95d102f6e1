public import SluiceModel

/// A small dialog of fields: publishing an event, choosing a replay, a redrive or where to browse from.
public struct Form: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case publish, replay, redrive, browse, claim }
    public var purpose: Purpose
    public var fields: [FormField]
    public var focusedField = 0
    /// Why the last submit was refused.
    public var error: String?
    public init(purpose: Purpose, fields: [FormField]) { self.purpose = purpose; self.fields = fields }

    public var title: String {
        switch purpose {
        case .publish: "Publish an event"
        case .replay: "Replay a group"
        case .redrive: "Redrive dead letters"
        case .browse: "Browse a partition"
        case .claim: "Claim pending entries"
        }
    }

    /// The text of the field called `name` ("" if there is none).
    public func value(_ name: String) -> String { fields.first { $0.name == name }?.text ?? "" }

    /// What the choice field called `name` stands for (nil if there is none).
    public func chosen(_ name: String) -> FormChoice.Value? { fields.first { $0.name == name }?.chosen }

    /// New options for a choice field, keeping what it stood for when that is still offered.
    mutating func setOptions(_ name: String, _ options: [FormChoice]) {
        guard let index = fields.firstIndex(where: { $0.name == name }) else { return }
        let kept = fields[index].chosen
        fields[index] = FormField(name: name, options: options, selecting: kept, hint: fields[index].hint)
    }
}

/// One choice of a form field: the words it shows, and what it stands for, so a submit never reads the words back.
public struct FormChoice: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        /// A topic or a queue (named by its name), or a word such as `offset`.
        case name(String)
        case group(GroupID)
        case partition(PartitionRef)
        case allPartitions
    }
    public var label: String
    public var value: Value
    public init(_ label: String, _ value: Value) { self.label = label; self.value = value }
}

/// One field: free text, or one of a list of choices cycled with ←/→ (`text` then shows the chosen one).
public struct FormField: Equatable, Sendable {
    public var name: String
    public var text: String
    public var options: [FormChoice]
    /// Which option is chosen, by position.
    private var selected = 0
    public var hint: String
    /// A free-text field, or one whose choices are words that stand for themselves.
    public init(name: String, text: String = "", choices: [String] = [], hint: String = "") {
        self.name = name; self.text = text; self.hint = hint
        options = choices.map { FormChoice($0, .name($0)) }
        selected = choices.firstIndex(of: text) ?? 0
    }

    /// A choice field, `selecting` the option that stands for it (the first when none does).
    public init(name: String, options: [FormChoice], selecting value: FormChoice.Value?, hint: String = "←/→ choose") {
        self.name = name; self.options = options; self.hint = hint
        selected = options.firstIndex { $0.value == value } ?? 0
        text = options.isEmpty ? "" : options[selected].label
    }

    public var choices: [String] { options.map(\.label) }
    public var isChoice: Bool { !options.isEmpty }
    /// What the chosen option stands for; nil for a free-text field.
    public var chosen: FormChoice.Value? { options.indices.contains(selected) ? options[selected].value : nil }

    /// The next (or previous) choice, wrapping around.
    mutating func cycle(by delta: Int) {
        guard !options.isEmpty else { return }
        selected = ((selected + delta) % options.count + options.count) % options.count
        text = options[selected].label
    }
}

extension Form {
    /// The publish form, its target preset to `target`.
    static func publish(_ snapshot: SystemSnapshot, target: String?) -> Form {
        let targets = snapshot.topics.map(\.name) + snapshot.queues.filter { !$0.isDeadLetterQueue }.map(\.name)
        return Form(purpose: .publish, fields: [
            FormField(name: "target", text: target.flatMap { targets.contains($0) ? $0 : nil } ?? targets.first ?? "",
                      choices: targets, hint: "←/→ choose"),
            FormField(name: "key", hint: "optional"),
            FormField(name: "value", hint: "text or JSON"),
            FormField(name: "message id", hint: "optional, for dedupe"),
            FormField(name: "headers", hint: HeaderFieldText.hint),
        ])
    }

    /// The replay form for `group`, all partitions, from the earliest offset.
    static func replay(_ snapshot: SystemSnapshot, group: GroupID?, partition: PartitionRef?) -> Form {
        var form = Form(purpose: .replay, fields: [
            FormField(name: "group", options: groupOptions(snapshot), selecting: group.map { .group($0) }),
            FormField(name: "partition", options: [FormChoice("all", .allPartitions)], selecting: .allPartitions),
        ] + positionFields("to", ends: ["earliest", "latest"], snapshot.capabilities))
        form.refreshPartitions(snapshot)
        if let partition, form.fields[1].options.contains(where: { $0.value == .partition(partition) }) {
            form.fields[1] = FormField(name: "partition", options: form.fields[1].options, selecting: .partition(partition))
        }
        return form
    }

    /// Every group, by its id.
    static func groupOptions(_ snapshot: SystemSnapshot) -> [FormChoice] {
        snapshot.groups.map { FormChoice($0.id.description, .group($0.id)) }
    }

    /// The browse form: a partition, and where to start (an offset, a time, or the engine's own id where it has one).
    static func browse(_ snapshot: SystemSnapshot, topic: String?, partition: Int?) -> Form {
        let topics = snapshot.topics.map { FormChoice($0.name, .name($0.name)) }
        var form = Form(purpose: .browse, fields: [
            FormField(name: "topic", options: topics, selecting: topic.map { .name($0) }),
            FormField(name: "partition", options: [], selecting: nil),
        ] + positionFields("from", ends: [], snapshot.capabilities))
        form.refreshPartitions(snapshot)
        if let topic, let partition {
            form.fields[1] = FormField(name: "partition", options: form.fields[1].options,
                                       selecting: .partition(PartitionRef(topic: topic, partition: partition)))
        }
        return form
    }

    /// A choice of where to start (`ends` first, then offsets and times, and ids where the engine has them)
    /// and the field to type the offset, time or id into.
    static func positionFields(_ name: String, ends: [String], _ capabilities: Capabilities) -> [FormField] {
        let hasIDs = capabilities.entryID != nil
        let kinds = ends + ["offset", "time"] + (hasIDs ? ["id"] : [])
        let hint = "an offset; a time since the start (90s, 5m, 12.5) or before now (-5m)"
            + (capabilities.entryID.map { "; an " + $0 } ?? "")
        return [FormField(name: name, text: kinds[0], choices: kinds, hint: "←/→ choose"),
                FormField(name: positionField(hasIDs: hasIDs), hint: hint)]
    }

    /// The name of the field that holds the typed offset, time or id.
    static func positionField(hasIDs: Bool) -> String { hasIDs ? "offset, time or id" : "offset or time" }

    /// The typed offset, time or id.
    var positionText: String { value(Self.positionField(hasIDs: fields.contains { $0.choices.contains("id") })) }

    /// The claim form: the group, the consumer that takes the entries (another member than the one selected,
    /// or a new name), and how long an entry must have been idle.
    static func claim(_ snapshot: SystemSnapshot, group: GroupID?, member: String?) -> Form {
        let field = FormField(name: "group", options: groupOptions(snapshot), selecting: group.map { .group($0) })
        let chosen: GroupID? = if case .group(let id) = field.chosen { id } else { nil }
        let other = chosen.flatMap { snapshot.group($0) }?.members.first { $0.id != member }?.id
        return Form(purpose: .claim, fields: [
            field,
            FormField(name: "for consumer", text: other ?? "", hint: "the consumer that takes them (a new name is made)"),
            FormField(name: "idle at least", text: "30s", hint: "a duration: 500ms, 30s, 5m"),
        ])
    }

    /// The redrive form: which dead-letter queue, and how fast its letters go back.
    public static func redrive(_ snapshot: SystemSnapshot, queue: String) -> Form {
        let queues = snapshot.queues.filter(\.isDeadLetterQueue).map(\.name)
        return Form(purpose: .redrive, fields: [
            FormField(name: "dead-letter queue", text: queue, choices: queues, hint: "←/→ choose"),
            FormField(name: "per second", text: "10", hint: "a rate, or all (at once)"),
        ])
    }

    /// Keeps the partition choices in step with the chosen group's topic (or the chosen topic).
    mutating func refreshPartitions(_ snapshot: SystemSnapshot) {
        switch purpose {
        case .replay:
            let group: GroupSnapshot? = if case .group(let id) = chosen("group") { snapshot.group(id) } else { nil }
            setOptions("partition", [FormChoice("all", .allPartitions)]
                + (group.map { group in group.partitions.map { FormChoice(group.choiceText($0.ref), .partition($0.ref)) } } ?? []))
        case .browse:
            guard case .name(let name) = chosen("topic"), let topic = snapshot.topics.first(where: { $0.name == name }) else {
                return setOptions("partition", [])
            }
            setOptions("partition", topic.partitions.map {
                FormChoice(String($0.index), .partition(PartitionRef(topic: name, partition: $0.index)))
            })
        case .publish, .redrive, .claim: break
        }
    }
}

extension GroupSnapshot {
    /// How a form shows one of the group's partitions: its number, or `topic pN` in a group that reads several topics.
    func choiceText(_ partition: PartitionRef) -> String {
        subscriptions.count == 1 ? String(partition.partition) : partition.description
    }
}
