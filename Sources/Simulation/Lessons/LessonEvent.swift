/// Events lessons and their measurements schedule on the simulation's agenda.
enum LessonEvent {
    /// Undo a `when` step's action that had a `for` duration.
    case undoStepAction(step: Int, action: Int)
    /// An `at` step's lesson-only action, at its exact time.
    case move(step: Int, move: Int)

    /// A small code folded into the run's digest.
    var code: UInt64 {
        switch self {
        case .undoStepAction(let step, let action): 1 | UInt64(step) << 8 | UInt64(action) << 32
        case .move(let step, let move): 2 | UInt64(step) << 8 | UInt64(move) << 32
        }
    }
}
