typealias ProducerID = EntityID<ProducerState>

/// The producers, owned in one place and reached by `ProducerID`, with the list of those holding
/// messages a full queue (overflow "block") has not taken yet.
struct SimulatedProducers {
    private var states = EntityStore<ProducerState>()
    /// Blocked producers, in the order they blocked: they retry in that order.
    private(set) var blocked: [ProducerID] = []

    @discardableResult
    mutating func add(_ state: ProducerState) -> ProducerID { states.add(state, named: state.spec.name) }

    var ids: [ProducerID] { states.ids }
    var all: [ProducerState] { states.all }

    subscript(id: ProducerID) -> ProducerState {
        get { states[id] }
        _modify { yield &states[id] }
    }

    func id(named name: String) -> ProducerID? { states.id(named: name) }

    /// The producer's first message just blocked: it retries after every event until its queue takes them all.
    mutating func noteBlocked(_ id: ProducerID) { blocked.append(id) }

    /// Hands over the blocked list for a retry round; `noteBlocked` puts back those still blocked, in order.
    mutating func takeBlocked() -> [ProducerID] {
        let all = blocked
        blocked.removeAll(keepingCapacity: true)
        return all
    }
}
