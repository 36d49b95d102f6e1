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
    /// Replays (seeks) the step performs when it fires, at its exact time for an `at` step.
    public var replays: [ReplaySpec]
    /// The line of the step in its file, for messages.
    public var line: Int

    public init(condition: StepCondition, text: String, actions: [FaultSpec] = [], replays: [ReplaySpec] = [],
                line: Int = 0) {
        self.condition = condition; self.text = text; self.actions = actions; self.replays = replays; self.line = line
    }
}

/// A lesson action that moves a consumer group (what the dashboard's replay key does):
/// `{ action = "replay", target = "orders/billing", to = "earliest" }`.
public struct ReplaySpec: Sendable, Equatable {
    /// `stream/group`, or the name of a stream consumer.
    public var group: String
    public var to: SeekPosition
    public init(group: String, to: SeekPosition) { self.group = group; self.to = to }
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
