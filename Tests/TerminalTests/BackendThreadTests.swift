import Dashboard
import SluiceModel
import Terminal
import Testing

/// The backend on its own thread: keys are answered while a backend call is stuck, the header says
/// the backend is not answering, and what was queued is carried out once it answers again.
// A key that blocked on the stuck backend would hang the test: the limit turns that into a failure.
@Suite(.timeLimit(.minutes(1))) struct BackendThreadTests {
    let tick = 100 * NanosPerUnit.millisecond

    @Test func keysAreAnsweredWhileTheBackendIsStuckAndTheQueuedCommandRunsAfter() throws {
        let backend = try StallingBackend(scenario: "demo")
        let clock = HandClock()
        let worker = BackendThread(backend, tickNanos: tick, clock: { clock.now() })
        worker.start()
        defer { backend.release(); worker.stop() }
        var session = DashboardSession(link: worker, state: DashboardState(themeNames: ["default"]))
        let speedAtStart = session.snapshot.clock.speed

        session.press(.char(">"))
        #expect(worker.waitForAnswers(atMostNanos: 10 * NanosPerUnit.second))
        session.refresh()
        let faster = session.snapshot.clock.speed
        #expect(faster > speedAtStart, "an answering backend carries out > at once")

        // The next tick's advance is held at the gate, as a poll of a stopped server would be.
        backend.stall()
        clock.move(by: tick)
        #expect(backend.waitUntilHeld(), "the worker never called the backend")
        let focusBefore = session.state.focus
        session.press(.tab)
        #expect(session.state.focus != focusBefore, "a key that needs no backend is answered while it is stuck")
        session.press(.char(">"))
        #expect(session.state.status?.text.contains("waiting for") == true, "\(String(describing: session.state.status))")
        #expect(session.snapshot.connectionProblem == nil, "not said before the threshold")

        clock.move(by: 3 * NanosPerUnit.second)
        session.refresh()
        let problem = try #require(session.snapshot.connectionProblem)
        #expect(problem.contains("not answering for 3s"), "\(problem)")
        #expect(session.snapshot.clock.speed == faster, "the last published figures stay on screen")

        backend.release()
        #expect(worker.waitForAnswers(atMostNanos: 10 * NanosPerUnit.second), "the queued > was never answered")
        session.refresh()
        #expect(session.snapshot.connectionProblem == nil)
        #expect(session.snapshot.clock.speed > faster, "the > pressed while stuck ran once the backend answered")
        #expect(session.state.status?.tone == .success, "\(String(describing: session.state.status))")
        #expect(worker.stop(), "the worker ends when asked")
    }

    @Test func theThreadCarriesOutTheSameEffectsAsTheDirectLink() throws {
        // Keys that send commands and ask a question: pause time, faster twice, slower, then the
        // Replay form on the first group, submitted as it opens (its confirmation asks for the count).
        let keys: [Key] = [.char(" "), .char(">"), .char(">"), .char("<")]
        func drive(_ session: inout DashboardSession) {
            session.press(keys)
            for _ in PanelID.allCases where session.state.focus != .groups { session.press(.tab) }
            session.press([.char("r"), .enter])
        }
        let direct = try StallingBackend(scenario: "demo")
        var viaDirect = DashboardSession(backend: direct, state: DashboardState(themeNames: ["default"]))
        drive(&viaDirect)
        guard case .confirm(let confirmation) = viaDirect.state.overlay else {
            Issue.record("no replay confirmation: \(viaDirect.state.overlay)"); return
        }
        #expect(confirmation.backendCount != nil, "the simulation counts a replay")

        let threaded = try StallingBackend(scenario: "demo")
        let clock = HandClock()
        let worker = BackendThread(threaded, tickNanos: tick, clock: { clock.now() })
        worker.start()
        defer { worker.stop() }
        var viaThread = DashboardSession(link: worker, state: DashboardState(themeNames: ["default"]))
        viaThread.answerWaitNanos = 10 * NanosPerUnit.second
        drive(&viaThread)
        #expect(worker.waitForAnswers(atMostNanos: 10 * NanosPerUnit.second))
        viaThread.refresh()

        #expect(viaThread.state == viaDirect.state)
        #expect(viaThread.snapshot.clock.speed == viaDirect.snapshot.clock.speed)
        #expect(viaThread.snapshot.clock.paused == viaDirect.snapshot.clock.paused)
        #expect(viaThread.snapshot.clock.paused, "space paused time")
    }
}
