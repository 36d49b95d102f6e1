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

    mutating func setChoices(_ name: String, _ choices: [String]) {
        guard let index = fields.firstIndex(where: { $0.name == name }) else { return }
        fields[index].choices = choices
        if !choices.contains(fields[index].text) { fields[index].text = choices.first ?? "" }
    }
}

/// One field: free text, or one of a list of choices cycled with ←/→.
public struct FormField: Equatable, Sendable {
    public var name: String
    public var text: String
    public var choices: [String]
    public var hint: String
    public init(name: String, text: String = "", choices: [String] = [], hint: String = "") {
        self.name = name; self.text = text; self.choices = choices; self.hint = hint
    }

    public var isChoice: Bool { !choices.isEmpty }

    /// The next (or previous) choice, wrapping around.
    mutating func cycle(by delta: Int) {
        guard !choices.isEmpty else { return }
        let current = choices.firstIndex(of: text) ?? 0
        text = choices[((current + delta) % choices.count + choices.count) % choices.count]
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
        let groups = snapshot.groups.map(\.id.description)
        let chosen = group.flatMap { snapshot.group($0)?.id.description } ?? groups.first ?? ""
        var form = Form(purpose: .replay, fields: [
            FormField(name: "group", text: chosen, choices: groups, hint: "←/→ choose"),
            FormField(name: "partition", text: "all", choices: ["all"], hint: "←/→ choose"),
        ] + positionFields("to", ends: ["earliest", "latest"], snapshot.capabilities))
        form.refreshPartitions(snapshot)
        if let partition, let text = snapshot.group(chosen: chosen)?.choiceText(partition),
           form.fields[1].choices.contains(text) {
            form.fields[1].text = text
        }
        return form
    }

    /// The browse form: a partition, and where to start (an offset, a time, or the engine's own id where it has one).
    static func browse(_ snapshot: SystemSnapshot, topic: String?, partition: Int?) -> Form {
        let topics = snapshot.topics.map(\.name)
        let chosen = topic.flatMap { topics.contains($0) ? $0 : nil } ?? topics.first ?? ""
        var form = Form(purpose: .browse, fields: [
            FormField(name: "topic", text: chosen, choices: topics, hint: "←/→ choose"),
            FormField(name: "partition", text: "0", choices: ["0"], hint: "←/→ choose"),
        ] + positionFields("from", ends: [], snapshot.capabilities))
        form.refreshPartitions(snapshot)
        if let partition, form.fields[1].choices.contains(String(partition)) { form.fields[1].text = String(partition) }
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
        let groups = snapshot.groups.map(\.id.description)
        let chosen = group.flatMap { snapshot.group($0)?.id.description } ?? groups.first ?? ""
        let other = snapshot.group(chosen: chosen)?.members.first { $0.id != member }?.id
        return Form(purpose: .claim, fields: [
            FormField(name: "group", text: chosen, choices: groups, hint: "←/→ choose"),
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
            let group = snapshot.group(chosen: value("group"))
            setChoices("partition", ["all"] + (group.map { group in group.partitions.map { group.choiceText($0.ref) } } ?? []))
        case .browse:
            let partitions = snapshot.topics.first { $0.name == value("topic") }?.partitions.map(\.index) ?? []
            setChoices("partition", partitions.map(String.init))
        case .publish, .redrive, .claim: break
        }
    }
}

/// A form's choices are text: a group is chosen by its id as text, a partition by its number, or by `topic pN` in a
/// group that reads several topics. The text finds its group or partition among those offered, never parsed apart.
extension SystemSnapshot {
    func group(chosen text: String) -> GroupSnapshot? { groups.first { $0.id.description == text } }
}

extension GroupSnapshot {
    func choiceText(_ partition: PartitionRef) -> String {
        subscriptions.count == 1 ? String(partition.partition) : partition.description
    }

    func partition(chosen text: String) -> PartitionRef? {
        partitions.lazy.map(\.ref).first { choiceText($0) == text }
    }
}
