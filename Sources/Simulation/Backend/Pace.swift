import SluiceModel

/// Whether the simulation keeps up with the speed asked of it: each dashboard frame's work is bounded
/// in wall time, so a heavy scenario covers less simulated time than asked. Measured over a second of
/// wall time, so one slow frame does not flash a warning.
struct Pace {
    private var wall: Nanos = 0
    private var asked: Nanos = 0
    private var reached: Nanos = 0
    /// The share of the asked time reached over the last whole second, when below 95%; else nil.
    private(set) var shortfall: Double?

    mutating func note(wall frameWall: Nanos, asked frameAsked: Nanos, reached frameReached: Nanos) {
        wall += frameWall; asked += frameAsked; reached += frameReached
        guard wall >= NanosPerUnit.second, asked > 0 else { return }
        let share = Double(reached) / Double(asked)
        shortfall = share < 0.95 ? share : nil
        wall = 0; asked = 0; reached = 0
    }

    /// Paused or finished: nothing is asked, so nothing falls behind.
    mutating func reset() { self = Pace() }
}
