import SluiceModel
@testable import Simulation

/// Parses a scenario text and runs it headless with its report and problems discarded: the tests read
/// the outcome's exit code and summary instead.
func quietRun(_ text: String, file: String, options: SimulationOptions = .init()) throws -> HeadlessRun.Outcome {
    try HeadlessRun.run(try ScenarioLoader.parse(text, file: file), options: options, format: .json,
                        output: { _ in }, problems: { _ in })
}
