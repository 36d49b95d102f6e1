public import SluiceModel

/// A small dialog of fields: publishing an event, or choosing a replay.
public struct Form: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case publish, replay, redrive }
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
        let targets = snapshot.topics.map(\.name) + snapshot.queues.filter { $0.deadLetterOf == nil }.map(\.name)
        return Form(purpose: .publish, fields: [
            FormField(name: "target", text: target.flatMap { targets.contains($0) ? $0 : nil } ?? targets.first ?? "",
                      choices: targets, hint: "←/→ choose"),
            FormField(name: "key", hint: "optional"),
            FormField(name: "value", hint: "text or JSON"),
            FormField(name: "message id", hint: "optional, for dedupe"),
        ])
    }

    /// The replay form for `group`, all partitions, from the earliest offset.
    static func replay(_ snapshot: SystemSnapshot, group: String?, partition: Int?) -> Form {
        let groups = snapshot.groups.map(\.id)
        let chosen = group.flatMap { groups.contains($0) ? $0 : nil } ?? groups.first ?? ""
        var form = Form(purpose: .replay, fields: [
            FormField(name: "group", text: chosen, choices: groups, hint: "←/→ choose"),
            FormField(name: "partition", text: "all", choices: ["all"], hint: "←/→ choose"),
            FormField(name: "to", text: "earliest", choices: ["earliest", "latest", "offset", "time"], hint: "←/→ choose"),
            FormField(name: "offset or time", hint: "an offset, or a time: 90s, 5m, 1h30m, 12.5"),
        ])
        form.refreshPartitions(snapshot)
        if let partition { form.fields[1].text = String(partition) }
        return form
    }

    /// The redrive form: which dead-letter queue, and how fast its letters go back.
    public static func redrive(_ snapshot: SystemSnapshot, queue: String) -> Form {
        let queues = snapshot.queues.filter { $0.deadLetterOf != nil }.map(\.name)
        return Form(purpose: .redrive, fields: [
            FormField(name: "dead-letter queue", text: queue, choices: queues, hint: "←/→ choose"),
            FormField(name: "per second", text: "10", hint: "a rate, or all (at once)"),
        ])
    }

    /// Keeps the partition choices in step with the chosen group's topic.
    mutating func refreshPartitions(_ snapshot: SystemSnapshot) {
        guard purpose == .replay else { return }
        let group = snapshot.groups.first { $0.id == value("group") }
        let count = snapshot.topics.first { $0.name == group?.topic }?.partitions.count ?? 0
        setChoices("partition", ["all"] + (0..<count).map(String.init))
    }
}
