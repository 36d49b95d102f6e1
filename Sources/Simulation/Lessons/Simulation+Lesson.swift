import Broker
public import SluiceModel

/// Running a lesson's narrative beside the simulation: steps fire as their time comes or their trigger
/// holds, `when` steps apply their actions, and the dashboard reads and browses the steps.
extension Simulation {
    /// Starts the narrative, and fires the steps due at time zero.
    func startLesson() {
        guard let lesson = scenario.lesson else { return }
        lessonRunner = LessonRunner(lesson: lesson)
        for (step, spec) in lesson.steps.enumerated() {
            guard case .at(let time) = spec.condition else { continue }
            for index in spec.moves.indices { schedule(.lesson(.move(step: step, move: index)), at: time) }
        }
        advanceLesson()
    }

    /// What the dashboard's lesson panel shows; nil when the scenario is not a lesson.
    public func lessonSnapshot() -> LessonSnapshot? { lessonRunner?.snapshot }

    /// Shows the next (`delta` 1) or previous (-1) step.
    func moveLessonStep(by delta: Int) -> CommandOutcome {
        guard var runner = lessonRunner else { return .failed("this scenario has no lesson") }
        let shown = runner.move(by: delta)
        lessonRunner = runner
        return .done("lesson step \(shown + 1)/\(runner.lesson.steps.count)")
    }

    /// Fires every step whose turn has come, in order.
    func advanceLesson() {
        guard var runner = lessonRunner else { return }
        // Read only what the trigger names, once per check.
        var probe: SummaryProbe?
        let value: (SummaryPath) -> Double? = { key in
            if probe == nil { probe = SummaryProbe(self) }
            return probe?.value(key)
        }
        while let pending = runner.pending, runner.pendingHolds(now: now, value: value) {
            runner.firePending(at: now)
            let step = runner.lesson.steps[pending]
            record(.info, "lesson step \(pending + 1)/\(runner.lesson.steps.count): \(step.text)")
            for (index, action) in step.actions.enumerated() { applyStepAction(action, step: pending, index: index) }
            if case .when = step.condition { for move in step.moves { apply(move) } }
            // A later `when` step compares with values from after this step's actions.
            probe = nil
        }
        if runner.pendingNeedsSummary { runner.remember(value: value) }
        lessonRunner = runner
    }

    /// Applies a `when` step's action now; one with a `for` duration is undone after it.
    private func applyStepAction(_ action: FaultSpec, step: Int, index: Int) {
        var immediate = action
        immediate.length = nil
        applyFault(immediate, index: -1)
        if let length = action.length { schedule(.lesson(.undoStepAction(step: step, action: index)), at: now + length) }
    }

    /// Performs a lesson-only action and logs what it did.
    private func apply(_ move: LessonMove) {
        switch move {
        case .replay(let group, let partition, let position):
            // The group was found in the scenario when the lesson was read; a command may have removed its consumer since.
            let outcome = seek(group: group, partition: partition, to: position)
            switch outcome {
            case .done(let text): record(.seek, "lesson: replay \(text)")
            case .failed(let text): record(.warning, "lesson: replay of \(group) failed: \(text)")
            }
        case .restartConnector(let pattern, let resend): restartConnector(pattern: pattern, resend: resend)
        case .deployProjection(let pattern, let dropsWithdrawals): deployProjection(pattern: pattern, dropsWithdrawals: dropsWithdrawals)
        }
    }

    func handleLesson(_ event: LessonEvent) {
        switch event {
        case .undoStepAction(let step, let action):
            guard let spec = lessonRunner?.lesson.steps[step].actions[action] else { return }
            undoFault(spec)
        case .move(let step, let move):
            guard let spec = lessonRunner?.lesson.steps[step].moves[move] else { return }
            apply(spec)
        }
    }
}
