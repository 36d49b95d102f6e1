import Dashboard
import Simulation
import SluiceModel
import Testing

/// A person at the dashboard of a real seeded simulation: keys go through `update`, the real
/// `SimulationBackend` carries the commands out, and time moves in one-second frames.
struct Driver {
    var session: DashboardSession
    let backend: SimulationBackend

    /// `servedBecause`: the run serves real clients too (as `run --kafka` does), held to the wall clock for that reason.
    init(_ scenario: String, seed: UInt64? = 42, readOnly: Bool = false, servedBecause reason: String? = nil) throws {
        backend = try SimulationBackend(scenarioNamed: scenario, seed: seed)
        if let reason { backend.serveRealClients(because: reason) }
        session = DashboardSession(backend: backend,
                                   state: DashboardState(themeNames: ["default"], readOnly: readOnly))
    }

    var state: DashboardState { session.state }
    var snapshot: SystemSnapshot { session.snapshot }
    var status: String { session.state.status?.text ?? "" }

    /// Runs the system for this many seconds of wall time, one frame a second.
    mutating func wait(seconds: Int) {
        for _ in 0..<seconds { session.advance(wallNanos: NanosPerUnit.second) }
    }

    /// Types each character as a key.
    mutating func type(_ text: String) { for character in text { session.press(.char(character)) } }

    mutating func press(_ keys: Key...) { session.press(keys) }

    /// Tabs to `panel` as a person would.
    mutating func focus(_ panel: PanelID, sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<PanelID.allCases.count where state.focus != panel { press(.tab) }
        #expect(state.focus == panel, "could not tab to \(panel)", sourceLocation: sourceLocation)
    }

    /// Focuses `panel` and moves the cursor down from the first row to `item`.
    mutating func select(_ item: PanelItem, in panel: PanelID, sourceLocation: SourceLocation = #_sourceLocation) {
        focus(panel, sourceLocation: sourceLocation)
        press(.char("g"))
        let rows = PanelItems.items(panel, snapshot, filter: state.filter).count
        for _ in 0..<rows where state.selectedItem(panel, snapshot) != item { press(.char("j")) }
        #expect(state.selectedItem(panel, snapshot) == item, "no row \(item) in \(panel)", sourceLocation: sourceLocation)
    }

    /// The open form, if any.
    var form: Form? { if case .form(let form) = state.overlay { form } else { nil } }

    /// Fills the open form as a person would: Tab to each field, ←/→ through a choice until it reads
    /// `value`, or type the text.
    mutating func fill(_ values: [(field: String, value: String)], sourceLocation: SourceLocation = #_sourceLocation) {
        for (field, value) in values {
            guard let start = form else { Issue.record("no form open", sourceLocation: sourceLocation); return }
            guard let index = start.fields.firstIndex(where: { $0.name == field }) else {
                Issue.record("no field \(field)", sourceLocation: sourceLocation); return
            }
            while let current = form, current.focusedField != index { press(.tab) }
            if start.fields[index].isChoice {
                for _ in start.fields[index].choices where form?.value(field) != value { press(.right) }
            } else {
                for _ in start.fields[index].text { press(.backspace) }
                type(value)
            }
            #expect(form?.value(field) == value, "\(field) reads \(form?.value(field) ?? "-")", sourceLocation: sourceLocation)
        }
    }

    /// The confirmation question and its details, as drawn.
    var confirmationText: String? {
        guard case .confirm = state.overlay else { return nil }
        return (0..<48).map { screen().line($0) }.joined(separator: "\n")
    }

    /// The screen as a person sees it now.
    func screen(width: Int = 160, height: Int = 48) -> Buffer {
        DashboardApp.view(state, snapshot, width: width, height: height)
    }

    func group(_ id: GroupID) throws -> GroupSnapshot { try #require(snapshot.group(id)) }
    func queue(_ name: String) throws -> QueueSnapshot { try #require(snapshot.queues.first { $0.name == name }) }
    func topic(_ name: String) throws -> TopicSnapshot { try #require(snapshot.topics.first { $0.name == name }) }
    func producer(_ name: String) throws -> ProducerSnapshot { try #require(snapshot.producers.first { $0.name == name }) }

    /// Records appended to a topic over the next `seconds`.
    mutating func produced(_ topic: String, over seconds: Int) throws -> Int64 {
        let before = try self.topic(topic).partitions.reduce(0) { $0 + $1.logEndOffset }
        wait(seconds: seconds)
        return try self.topic(topic).partitions.reduce(0) { $0 + $1.logEndOffset } - before
    }

    /// Records a group committed over the next `seconds`.
    mutating func committed(_ group: GroupID, over seconds: Int) throws -> Int64 {
        let before = try self.group(group).partitions.reduce(0) { $0 + $1.committedOffset }
        wait(seconds: seconds)
        return try self.group(group).partitions.reduce(0) { $0 + $1.committedOffset } - before
    }
}
