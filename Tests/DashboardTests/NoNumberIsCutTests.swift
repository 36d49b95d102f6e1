import Dashboard
import Simulation
import SluiceModel
import Testing

/// No number on any built-in scenario's or lesson's screen ends in an ellipsis: wherever text is
/// cut, it is cut before a number, at every size, on the whole screen and on each panel zoomed.
@Suite struct NoNumberIsCutTests {
    static let sizes: [(width: Int, height: Int)] = [(80, 24), (120, 40), (160, 48), (220, 60)]

    /// Rows where a digit runs straight into an ellipsis: a number that lost its end.
    static func cutNumbers(_ buffer: Buffer) -> [String] {
        buffer.lines.filter { line in
            zip(line, line.dropFirst()).contains { $0.isNumber && $0.isASCII && $1 == "…" }
        }
    }

    @Test(arguments: BuiltinScenarios.names + BuiltinLessons.names)
    func noNumberIsCut(_ name: String) throws {
        let backend = try SimulationBackend(scenarioNamed: name, seed: 42)
        backend.simulation.run(until: 45 * NanosPerUnit.second)
        let snapshot = backend.snapshot()
        for size in Self.sizes {
            var states = [Fixtures.state]
            for panel in DashboardApp.visiblePanels(snapshot) {
                var zoomed = Fixtures.state
                zoomed.focus = panel
                zoomed.zoomed = true
                states.append(zoomed)
            }
            for state in states {
                let cut = Self.cutNumbers(Fixtures.render(state, snapshot, width: size.width, height: size.height))
                #expect(cut.isEmpty, "\(name) at \(size.width)x\(size.height), \(state.zoomed ? "\(state.focus) zoomed" : "all panels"):\n\(cut.joined(separator: "\n"))")
            }
        }
    }
}
