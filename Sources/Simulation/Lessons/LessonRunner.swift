public import SluiceModel

/// A lesson in progress: which steps fired and when, and which one the learner is reading.
///
/// Steps fire in order: a step is considered only once the one before it fired. The step shown follows
/// the latest one to fire; `move(by:)` (the dashboard's next/previous step keys) browses the others,
/// including the ones still ahead, without changing the run.
public struct LessonRunner: Sendable {
    public let lesson: Lesson
    /// When each step fired; nil while it has not.
    public private(set) var firedAt: [Nanos?]
    /// The step the learner is reading.
    public private(set) var displayed = 0
    /// Values of the keys `grows`/`shrinks` clauses compare with, as of the previous check.
    private var previous: [SummaryPath: Double] = [:]

    public init(lesson: Lesson) {
        self.lesson = lesson
        firedAt = Array(repeating: nil, count: lesson.steps.count)
    }

    /// How many steps have fired.
    public var reached: Int { firedAt.prefix { $0 != nil }.count }

    /// The next step to fire, if any.
    var pending: Int? { reached < lesson.steps.count ? reached : nil }

    /// Whether the pending step's condition holds now; `value` reads a summary number.
    func pendingHolds(now: Nanos, value: (SummaryPath) -> Double?) -> Bool {
        guard let pending else { return false }
        switch lesson.steps[pending].condition {
        case .at(let time): return now >= time
        case .when(let trigger): return trigger.holds(value: value, previous: { previous[$0] })
        }
    }

    /// Whether checking the pending step needs the run's summary (a trigger) rather than only the clock.
    var pendingNeedsSummary: Bool {
        guard let pending, case .when = lesson.steps[pending].condition else { return false }
        return true
    }

    /// Marks the pending step fired and shows it.
    mutating func firePending(at now: Nanos) {
        guard let pending else { return }
        firedAt[pending] = now
        displayed = pending
    }

    /// Keeps the values the pending step's `grows`/`shrinks` clauses compare with next time.
    mutating func remember(value: (SummaryPath) -> Double?) {
        guard let pending, case .when(let trigger) = lesson.steps[pending].condition else { return }
        for key in trigger.historyKeys { previous[key] = value(key) }
    }

    /// Shows another step; returns the one now shown.
    @discardableResult
    public mutating func move(by delta: Int) -> Int {
        displayed = min(max(0, displayed + delta), max(0, lesson.steps.count - 1))
        return displayed
    }

    /// What the lesson panel shows.
    public var snapshot: LessonSnapshot {
        let step = lesson.steps[displayed]
        let fired = firedAt[displayed]
        let text = fired == nil ? "(not yet: \(step.condition.text)) \(step.text)" : step.text
        return LessonSnapshot(title: lesson.title, stepIndex: displayed, stepCount: lesson.steps.count, text: text,
                              teaches: lesson.teaches, reached: reached, condition: step.condition.text, firedAt: fired)
    }
}
