import Dashboard
import Simulation
import SluiceModel
import Testing

/// One speed format: the header and the backend's answer on the status line write a speed alike.
@Suite struct SpeedFormatTests {
    @Test(arguments: DashboardApp.speeds)
    func theStatusLineSaysTheSpeedTheHeaderShows(_ speed: Double) throws {
        let backend = try SimulationBackend(scenarioNamed: "demo", seed: 42)
        let outcome = backend.send(.setSpeed(speed))
        var (state, _) = DashboardApp.update(Fixtures.state, .outcome(outcome), backend.snapshot())
        state.focus = .partitions
        let buffer = Fixtures.render(state, backend.snapshot(), width: 160, height: 48)
        let shown = Format.speed(backend.snapshot().clock.speed)
        #expect(buffer.line(0).contains(" " + shown + " "), "\(buffer.line(0))")
        #expect(buffer.line(47).hasPrefix("speed " + shown + " "), "\(buffer.line(47))")
    }

    @Test func speedsReadAsPeopleSayThem() {
        #expect(SpeedText.format(0.25) == "0.25x")
        #expect(SpeedText.format(0.1) == "0.1x")
        #expect(SpeedText.format(0.5) == "0.5x")
        #expect(SpeedText.format(2) == "2x")
        #expect(SpeedText.format(12.5) == "12.5x")
        #expect(SpeedText.format(0.05) == "0.05x")
    }
}
