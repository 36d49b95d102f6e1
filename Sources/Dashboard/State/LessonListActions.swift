import SluiceModel

/// The lesson list (`L`): choose a lesson and open it, which restarts the run on it.
extension Reducer {
    mutating func lessonListAction(_ action: Action) {
        guard case .lessons(let selected) = state.overlay else { return }
        let catalog = snapshot.lessonCatalog
        switch action {
        case .moveUp: state.overlay = .lessons(selected: max(0, selected - 1))
        case .moveDown: state.overlay = .lessons(selected: min(max(0, catalog.count - 1), selected + 1))
        case .submit:
            state.overlay = .none
            guard catalog.indices.contains(selected) else { return hint("no lesson selected") }
            let before = commands.count
            send([.openLesson(name: catalog[selected].name)])
            guard commands.count > before else { return }
            // A new run: rows, filter and the inspector of the old one mean nothing there.
            state.selection = [:]
            state.filter = ""
            state.inspectorDetail = false
            state.zoomed = false
            state.focus = .lesson
        default: state.overlay = .none
        }
    }
}
