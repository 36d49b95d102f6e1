import Simulation
import SluiceModel
import Testing

/// The dashboard's lesson list: the catalogue in the snapshot, and restarting the backend on a lesson.
@Suite struct BackendLessonTests {
    @Test func theSnapshotListsTheBuiltInLessonsInTeachingOrder() throws {
        let backend = try SimulationBackend(scenarioNamed: "demo")
        let catalog = backend.snapshot().lessonCatalog
        let lessons = try BuiltinLessons.loaded()
        #expect(catalog.map(\.name) == lessons.map(\.name))
        #expect(catalog.map(\.title) == lessons.map(\.lesson.title))
        #expect(catalog.allSatisfy { !$0.teaches.isEmpty })
    }

    @Test func openingALessonRestartsTheRunOnItAtTimeZero() throws {
        let backend = try SimulationBackend(scenarioNamed: "demo")
        backend.advance(wallNanos: 5 * NanosPerUnit.second)
        _ = backend.send(.inspect(.queue(name: "emails")))
        let first = try #require(backend.snapshot().lessonCatalog.first)
        #expect(backend.send(.openLesson(name: first.name)) == .done("opened lesson \(first.title)"))
        let snapshot = backend.snapshot()
        #expect(snapshot.source.name == first.name)
        #expect(snapshot.clock.now == 0)
        #expect(snapshot.lesson?.title == first.title)
        #expect(snapshot.inspection == nil)
        #expect(backend.send(.lessonStep(delta: 1)).isDone)
        #expect(backend.snapshot().lesson?.stepIndex == 1)
    }

    @Test func anUnknownLessonIsRefusedAndTheRunGoesOn() throws {
        let backend = try SimulationBackend(scenarioNamed: "demo")
        backend.advance(wallNanos: 2 * NanosPerUnit.second)
        #expect(backend.send(.openLesson(name: "no-such-lesson")) == .failed("no lesson named no-such-lesson"))
        #expect(backend.snapshot().source.name == "demo")
        #expect(backend.snapshot().clock.now == 2 * NanosPerUnit.second)
    }
}

