public import SluiceModel

/// The command palette: every panel action by name, and a few typed commands with arguments.
public enum Palette {
    public struct Entry: Equatable, Sendable {
        public enum Effect: Equatable, Sendable {
            case action(Action)
            case commands([Command])
        }
        public var label: String
        public var keys: String
        public var effect: Effect
    }

    /// What the palette offers for `query`: a parsed typed command first, then matching actions.
    public static func entries(_ query: String, _ snapshot: SystemSnapshot) -> [Entry] {
        let typed = typedCommand(query.trimmingSpaces, snapshot).map { [$0] } ?? []
        let words = query.lowercased().split(separator: " ").map(String.init)
        let actions = KeyMap.bindings.filter { $0.context == .normal || $0.context == .anywhere }
            .filter { binding in
                words.allSatisfy { binding.summary.lowercased().contains($0) || binding.action.rawValue.lowercased().contains($0) }
            }
            .map { Entry(label: $0.summary, keys: $0.keyLabel, effect: .action($0.action)) }
        return typed + actions
    }

    /// `speed 2.5`, `seed 42`, `inspect orders 3 1200`, `inspect orders 3 90s`, `inspect orders 0 -5m`,
    /// `inspect emails`; on an engine with its own ids, `inspect orders 0 1700000000000-0`.
    static func typedCommand(_ text: String, _ snapshot: SystemSnapshot) -> Entry? {
        let parts = text.split(separator: " ").map(String.init)
        guard let verb = parts.first?.lowercased() else { return nil }
        switch (verb, parts.count) {
        case ("speed", 2):
            guard let speed = Double(parts[1].trimmingCharacter("x")), speed.isFinite, speed >= 0.1, speed <= 100 else { return nil }
            return Entry(label: "Set speed to " + Format.speed(speed), keys: "", effect: .commands([.setSpeed(speed)]))
        case ("seed", 2):
            guard let seed = UInt64(parts[1]) else { return nil }
            return Entry(label: "Restart with seed \(seed)", keys: "", effect: .commands([.restartRun(seed: seed)]))
        case ("inspect", 2):
            return Entry(label: "Inspect queue " + UntrustedText.escape(parts[1]), keys: "",
                         effect: .commands([.inspect(.queue(name: parts[1]))]))
        case ("inspect", 4):
            guard let partition = Int(parts[2]), let start = browseStart(parts[3], snapshot) else { return nil }
            return Entry(label: "Inspect \(UntrustedText.escape(parts[1])) partition \(partition) from "
                             + Reducer.describe(start), keys: "",
                         effect: .commands([.inspect(.partition(topic: parts[1], partition: partition, from: start))]))
        default:
            return nil
        }
    }

    /// An offset (a whole number), else a time as the forms take one, else the engine's own id where it has them.
    static func browseStart(_ text: String, _ snapshot: SystemSnapshot) -> SeekPosition? {
        if let offset = Int64(text) { return offset >= 0 ? .offset(offset) : nil }
        if let time = Reducer.runTime(text, now: snapshot.clock.now) { return .time(time) }
        return snapshot.capabilities.entryID == nil ? nil : .entryID(text)
    }
}

extension String {
    func trimmingCharacter(_ character: Character) -> String {
        hasSuffix(String(character)) ? String(dropLast()) : self
    }
}

extension Reducer {
    mutating func paletteAction(_ action: Action, key: Key) {
        guard case .palette(var query, var selected) = state.overlay else { return }
        let entries = Palette.entries(query, snapshot)
        switch action {
        case .close: state.overlay = .none; return
        case .type: if case .char(let c) = key { query.append(c); selected = 0 }
        case .deleteBackward: if !query.isEmpty { query.removeLast(); selected = 0 }
        case .moveUp: selected = max(0, selected - 1)
        case .moveDown: selected = min(max(0, entries.count - 1), selected + 1)
        case .submit:
            state.overlay = .none
            guard entries.indices.contains(selected) else { return hint("no action matches") }
            switch entries[selected].effect {
            case .action(let chosen):
                if let binding = KeyMap.binding(for: chosen) { run(binding, key: .enter) }
            case .commands(let new):
                send(new)
                if new.first?.kind == .inspect, commands.count > 0 { state.focus = .inspector; state.selection[.inspector] = 0 }
            }
            return
        default: break
        }
        state.overlay = .palette(query: query, selected: selected)
    }
}
