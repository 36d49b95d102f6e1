typealias PatternID = EntityID<PatternState>

/// The pattern models (outbox, dual write, saga, CDC, event sourcing), owned in one place and reached by
/// `PatternID`, with what lessons measure of them kept in their state.
typealias SimulatedPatterns = EntityStore<PatternState>

extension EntityStore<PatternState> {
    /// Events the patterns got stored.
    var produced: Int64 { all.reduce(0) { $0 + $1.produced } }
}
