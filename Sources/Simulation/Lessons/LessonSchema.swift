import SluiceModel
import TOMLKit

/// Reads a lesson's `[lesson]` table and its `[[step]]` tables; every error names file, line and key.
///
/// ```toml
/// [lesson]
/// title = "Lag and catch-up"
/// teaches = "Lag grows at the gap between rates and drains at the new gap."
/// order = 3
///
/// [[step]]
/// at = "0s"
/// text = "One consumer reads at 100/s while 120/s arrive: watch lag climb by 20 a second."
///
/// [[step]]
/// when = "lag > 1000"
/// text = "Press + to add an instance."
/// actions = [{ action = "scale", target = "worker", instances = 2 }]
/// ```
struct LessonSchema {
    let root: TableReader
    let schema: ScenarioSchema

    /// The lesson, or nil when the file has no `[lesson]`; `at` steps' actions join the scenario's faults.
    func read(into scenario: inout Scenario) throws(ScenarioError) -> Lesson? {
        let steps = try root.tables("step")
        guard let header = try root.subtable("lesson") else {
            if let first = steps.first { throw first.error(nil, "a [[step]] needs a [lesson] table with a title") }
            return nil
        }
        try header.rejectUnknownKeys(["title", "teaches", "order"])
        var lesson = Lesson(title: try header.requiredString("title", meaning: "the lesson's title"),
                            teaches: try header.requiredString("teaches", meaning: "what the lesson teaches, in a sentence"),
                            order: try header.integer("order", atLeast: 1, atMost: 10_000) ?? 10_000)
        guard !steps.isEmpty else { throw header.error(nil, "a lesson needs at least one [[step]] with a text") }
        var latestAt: Nanos = 0
        for reader in steps {
            let step = try readStep(reader, scenario: &scenario)
            if case .at(let time) = step.condition {
                if time < latestAt {
                    throw reader.error("at", "expected steps in time order: this one is before an earlier step's \(DurationText.format(latestAt))")
                }
                latestAt = time
            }
            lesson.steps.append(step)
        }
        return lesson
    }

    private func readStep(_ reader: TableReader, scenario: inout Scenario) throws(ScenarioError) -> LessonStep {
        try reader.rejectUnknownKeys(["at", "when", "text", "actions"])
        let text = try reader.requiredString("text", meaning: "what the learner should watch or try")
        let line = reader.index.line(for: reader.path) ?? 0
        let condition: StepCondition
        switch (reader.has("at"), reader.has("when")) {
        case (true, true): throw reader.error("when", #"a step has either at = "30s" or when = "...", not both"#)
        case (false, false): throw reader.error(nil, #"missing at or when; expected at = "30s" or when = "dlq_grows""#)
        case (true, false):
            guard let time = try reader.duration("at") else { throw reader.error("at", #"expected a duration like "30s""#) }
            if time > scenario.duration {
                throw reader.error("at", "expected a time within the scenario's duration (\(DurationText.format(scenario.duration)))")
            }
            condition = .at(time)
        case (false, true):
            let source = try reader.requiredString("when", meaning: Trigger.example)
            do throws(TriggerError) {
                condition = .when(try Trigger.parse(source, resolve: { [scenario] in SummaryKeys.path($0, in: scenario) }))
            } catch {
                throw reader.error("when", error.message)
            }
        }
        var actions: [FaultSpec] = []
        var moves: [LessonMove] = []
        for action in try reader.tables("actions") {
            if let move = try readMove(action, scenario: scenario) {
                moves.append(move)
                continue
            }
            let time: Nanos = if case .at(let at) = condition { at } else { 0 }
            actions.append(try schema.readFault(action, scenario: scenario, fixedTime: time))
        }
        guard case .at = condition else {
            return LessonStep(condition: condition, text: text, actions: actions, moves: moves, line: line)
        }
        // An `at` step's faults are scheduled faults: the engine applies them exactly then.
        scenario.faults += actions
        return LessonStep(condition: condition, text: text, moves: moves, line: line)
    }

    /// A lesson-only action, or nil when the table is a fault action.
    private func readMove(_ reader: TableReader, scenario: Scenario) throws(ScenarioError) -> LessonMove? {
        guard let move = reader.table["action"]?.string.flatMap(LessonMoveChoice.init(rawValue:)) else { return nil }
        switch move {
        case .replay: return try readReplay(reader, scenario: scenario)
        case .restartConnector:
            try reader.rejectUnknownKeys(["action", "target", "resend"])
            let pattern = try patternTarget(reader, kind: .cdc, scenario: scenario)
            return .restartConnector(pattern: pattern, resend: try reader.duration("resend", positive: true) ?? 10 * NanosPerUnit.second)
        case .deployProjection:
            try reader.rejectUnknownKeys(["action", "target", "bug"])
            let pattern = try patternTarget(reader, kind: .eventSourcing, scenario: scenario)
            let bug = try reader.choice("bug", as: ProjectionBugChoice.self) ?? .none
            return .deployProjection(pattern: pattern, dropsWithdrawals: bug == .dropsWithdrawals)
        }
    }

    private func patternTarget(_ reader: TableReader, kind: PatternKind, scenario: Scenario) throws(ScenarioError) -> String {
        let names = scenario.patterns.filter { $0.kind == kind }.map(\.name)
        let target = try reader.requiredString("target", meaning: "a \(kind.rawValue) pattern")
        guard names.contains(target) else {
            throw reader.error("target", "expected a \(kind.rawValue) pattern (\(ScenarioSchema.list(names))), got \"\(target)\"")
        }
        return target
    }

    /// `{ action = "replay", target = "orders/billing", to = "earliest" | "latest" | an offset, partition = N }`
    /// (every partition without `partition`); the target is `stream/group` or the stream consumer's name.
    private func readReplay(_ reader: TableReader, scenario: Scenario) throws(ScenarioError) -> LessonMove {
        try reader.rejectUnknownKeys(["action", "target", "to", "partition"])
        let target = try reader.requiredString("target", meaning: "a consumer group like \"orders/billing\"")
        // Each stream consumer's group, as the broker names it: the group within its stream.
        let groups = scenario.consumers.compactMap { consumer -> (consumer: String, id: GroupID)? in
            guard let group = consumer.group, scenario.hasStream(consumer.source) else { return nil }
            return (consumer.name, GroupID(group, stream: consumer.source))
        }
        guard let group = groups.first(where: { $0.id.description == target || $0.consumer == target })?.id else {
            throw reader.error("target", "expected a consumer group (\(ScenarioSchema.list(groups.map(\.id.description)))), got \"\(target)\"")
        }
        var partition: PartitionRef?
        if reader.has("partition") {
            let count = scenario.streams.first { $0.name == group.stream }?.partitions ?? 0
            guard let number = reader.table["partition"]?.int, (0..<count).contains(number) else {
                throw reader.error("partition", "expected a partition of \(group.stream ?? "the stream") from 0 to \(count - 1), got \(reader.table["partition"].map { TableReader.describe($0) } ?? "nothing")")
            }
            partition = PartitionRef(topic: group.stream ?? "", partition: number)
        }
        let position: SeekPosition
        if let offset = reader.table["to"]?.int {
            guard offset >= 0 else { throw reader.error("to", "expected an offset >= 0, got \(offset)") }
            position = .offset(Int64(offset))
        } else {
            position = try reader.choice("to", as: StartChoice.self) == .latest ? .latest : .earliest
        }
        return .replay(group: group, partition: partition, to: position)
    }
}
