import SluiceModel

/// The dashboard's lesson list: the built-in lessons, and restarting the backend on one of them.
extension SimulationBackend {
    /// The built-in lessons in teaching order (loaded once; a lesson that fails to load is a test failure
    /// elsewhere, so here it only leaves the list empty).
    static let lessonCatalog: [LessonEntry] = {
        guard let lessons = try? BuiltinLessons.loaded() else { return [] }
        return lessons.map { LessonEntry(name: $0.name, title: $0.lesson.title, teaches: $0.lesson.teaches) }
    }()

    /// Restarts the run on the built-in lesson `name` from time zero with the lesson's own seed and
    /// duration; speed and pause carry over, the inspector closes.
    func openLesson(named name: String) -> CommandOutcome {
        guard BuiltinLessons.names.contains(name) else { return .failed("no lesson named \(name)") }
        var fresh = options
        fresh.seed = nil
        fresh.duration = nil
        do throws(ScenarioError) {
            let lesson = try ScenarioLoader.resolve(name)
            simulation = try Simulation(scenario: lesson, options: fresh)
            scenario = lesson
        } catch {
            return .failed(error.description)
        }
        options = fresh
        forgetChecks()
        inspectTarget = nil
        lastOutcome = nil
        return .done("opened lesson \(scenario.lesson?.title ?? name)")
    }
}
