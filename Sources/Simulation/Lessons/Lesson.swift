public import SluiceModel

/// A scenario's teaching layer: a title, what it teaches, where it sits in the catalogue, and ordered
/// steps that tell a learner what to watch and what to try.
public struct Lesson: Sendable, Equatable {
    public var title: String
    /// One or two sentences: the idea the numbers prove.
    public var teaches: String
    /// Teaching position in `sluice lessons` (1 first).
    public var order: Int
    public var steps: [LessonStep]

    public init(title: String, teaches: String, order: Int, steps: [LessonStep] = []) {
        self.title = title; self.teaches = teaches; self.order = order; self.steps = steps
    }
}

/// One step of a lesson: when it fires, the text shown, and actions it performs when it fires.
public struct LessonStep: Sendable, Equatable {
    public var condition: StepCondition
    public var text: String
    /// Actions of a `when` step, applied when it fires. (An `at` step's actions are ordinary scheduled
    /// faults, so they happen at their exact time.)
    public var actions: [FaultSpec]
    /// Lesson-only actions (replay, connector restart, projection deploy), at the step's exact time for
    /// an `at` step, when it fires for a `when` step.
    public var moves: [LessonMove]
    /// The line of the step in its file, for messages.
    public var line: Int

    public init(condition: StepCondition, text: String, actions: [FaultSpec] = [], moves: [LessonMove] = [],
                line: Int = 0) {
        self.condition = condition; self.text = text; self.actions = actions; self.moves = moves; self.line = line
    }
}

/// Actions only lessons take, beside the scheduled-fault actions.
public enum LessonMove: Sendable, Equatable {
    /// Seek a consumer group (what the dashboard's replay key does), or one of its partitions:
    /// `{ action = "replay", target = "orders/billing", to = "earliest" }`, `partition = 2` for one. The file
    /// names the group `stream/group` or by its stream consumer's name; both are read into the group's id.
    case replay(group: GroupID, partition: PartitionRef?, to: SeekPosition)
    /// A CDC pattern's connector restarts from its last checkpoint and sends the changes of the last
    /// `resend` again: `{ action = "restart_connector", target = "customers", resend = "10s" }`.
    case restartConnector(pattern: String, resend: Nanos)
    /// A new version of an event-sourcing pattern's read model starts, rebuilding from offset 0:
    /// `{ action = "deploy_projection", target = "accounts", bug = "drops_withdrawals" }` (or `bug = "none"`).
    case deployProjection(pattern: String, dropsWithdrawals: Bool)
}

/// When a step fires: at a simulated time, or when a trigger over the run's numbers first holds
/// (checked once per simulated second, and only after the previous step fired).
public enum StepCondition: Sendable, Equatable {
    case at(Nanos)
    case when(Trigger)

    /// `at 1m`, `when lag > 1000`.
    public var text: String {
        switch self {
        case .at(let time): "at \(DurationText.format(time))"
        case .when(let trigger): "when \(trigger.text)"
        }
    }
}
