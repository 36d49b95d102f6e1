/// One of a run's parts of kind `State` (a producer, a pattern, a stream or queue consumer's own state), by
/// the order the scenario lists them; only `EntityStore` makes one, so an id always names a part that exists.
struct EntityID<State>: Hashable {
    fileprivate(set) var index: Int
}

/// Parts of one kind, owned in one place: reached by typed id, found by name.
struct EntityStore<State> {
    private var states: [State] = []
    private var byName: [String: EntityID<State>] = [:]

    /// Keeps one more part; a name already taken keeps finding the first.
    @discardableResult
    mutating func add(_ state: State, named name: String) -> EntityID<State> {
        let id = EntityID<State>(index: states.count)
        states.append(state)
        if byName[name] == nil { byName[name] = id }
        return id
    }

    var ids: [EntityID<State>] { states.indices.map { EntityID(index: $0) } }
    var all: [State] { states }

    subscript(id: EntityID<State>) -> State {
        _read { yield states[id.index] }
        _modify { yield &states[id.index] }
    }

    /// The part a scenario, fault or command names.
    func id(named name: String) -> EntityID<State>? { byName[name] }
}
