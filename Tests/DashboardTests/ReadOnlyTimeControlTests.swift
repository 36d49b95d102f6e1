import Dashboard
import Simulation
import SluiceModel
import Testing

/// `--read-only` keeps time control: a teacher projecting a run pauses it, slows it and steps it,
/// and nothing that changes the system goes through, a restart included.
@Suite struct ReadOnlyTimeControlTests {
    var readOnly: DashboardState {
        var state = Fixtures.state
        state.readOnly = true
        return state
    }

    func press(_ key: Key, _ state: DashboardState, _ snapshot: SystemSnapshot = Fixtures.checkout) -> (DashboardState, [Command]) {
        let (next, effects) = DashboardApp.update(state, .key(key), snapshot)
        return (next, effects.commands)
    }

    @Test func pauseSpeedAndStepStillWork() {
        #expect(press(.char(" "), readOnly).1 == [.setPaused(!Fixtures.checkout.clock.paused)])
        #expect(press(.char(">"), readOnly).1 == [.setSpeed(2)])
        #expect(press(.char("<"), readOnly).1 == [.setSpeed(0.5)])
        #expect(press(.char("."), readOnly).1 == [.setPaused(true), .step])
        #expect(press(.char(" "), readOnly).0.status == nil, "no read-only complaint")
    }

    @Test func aLessonsStepsStillMoveButNoLessonOpens() {
        #expect(press(.char("n"), readOnly, Fixtures.lesson).1 == [.lessonStep(delta: 1)])
        #expect(press(.char("N"), readOnly, Fixtures.lesson).1 == [.lessonStep(delta: -1)])
        let (state, commands) = press(.char("L"), readOnly, Fixtures.lesson)
        #expect(commands.isEmpty && state.overlay == .none)
        #expect(state.status?.text.contains("read-only") == true)
    }

    @Test func restartingTheRunIsAChangeAndIsRefused() {
        let (state, commands) = press(.char("S"), readOnly)
        #expect(commands.isEmpty && state.overlay == .none)
        #expect(state.status?.text.contains("read-only") == true)
    }

    @Test func thePaletteKeepsSpeedAndRefusesASeed() {
        func typed(_ text: String) -> (DashboardState, [Command]) {
            var state = readOnly
            var sent: [Command] = []
            for key in [Key.char(":")] + text.map { Key.char($0) } + [.enter] {
                let (next, commands) = press(key, state)
                state = next
                sent += commands
            }
            return (state, sent)
        }
        #expect(typed("speed 5").1 == [.setSpeed(5)])
        let (refused, sent) = typed("seed 7")
        #expect(sent.isEmpty)
        #expect(refused.status?.text.contains("read-only") == true)
    }

    @Test func helpMarksOnlyWhatChangesTheSystemAsDisabled() {
        var state = readOnly
        state.overlay = .help(scroll: 0)
        // Tall enough for every line of help; a disabled key's reason is the line below it.
        let help = Fixtures.render(state, width: 160, height: 120).lines
        let pause = help.firstIndex { $0.contains("Pause or resume time") }
        let publish = help.firstIndex { $0.contains("Publish an event") }
        #expect(pause.map { !help[$0 + 1].contains("(read-only)") } == true)
        #expect(publish.map { help[$0 + 1].contains("(read-only)") } == true)
    }

    @Test func theRealSimulationPausesAndStepsUnderReadOnly() throws {
        let backend = try SimulationBackend(scenarioNamed: "demo", seed: 42)
        backend.simulation.run(until: 5 * NanosPerUnit.second)
        var state = readOnly
        var commands: [Command]
        (state, commands) = press(.char(" "), state, backend.snapshot())
        for command in commands { _ = backend.send(command) }
        #expect(backend.snapshot().clock.paused)
        let before = backend.snapshot().clock.now
        (state, commands) = press(.char("."), state, backend.snapshot())
        for command in commands { _ = backend.send(command) }
        #expect(backend.snapshot().clock.now > before, "a step moves time on")
        (state, commands) = press(.char("P"), state, backend.snapshot())
        #expect(commands.isEmpty && state.overlay == .none, "publishing stays off")
    }
}
