import ArgumentParser
import KafkaListener
import Simulation
import SluiceModel
import Terminal
import ThemeFiles

/// The flags every command that opens the dashboard shares.
struct DashboardFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Colour theme (see `sluice themes`).", valueName: "name"))
    var theme: String?

    @Flag(help: "ASCII line drawing and sparklines, even on a UTF-8 terminal.")
    var ascii = false

    @Flag(name: .customLong("read-only"), help: "Disable every action: watch only.")
    var readOnly = false

    // `.unconditional` so that "-1" reaches validation (and its message) instead of reading as a missing value.
    @Option(parsing: .unconditional, help: ArgumentHelp("Frames per second, 1 to 60.", valueName: "n"))
    var fps: Int = 10

    func validate() throws {
        guard (1...60).contains(fps) else { throw ValidationError("--fps: expected 1 to 60 frames per second, got \(fps)") }
    }

    var options: DashboardOptions {
        DashboardOptions(themeName: theme, ascii: ascii, readOnly: readOnly, framesPerSecond: fps)
    }

    /// Runs the dashboard until the user quits; a problem opening it is a clear message and exit 2,
    /// and a signal that stopped it exits 128 + its number, as a shell reports a process it killed.
    func open(_ backend: any SystemBackend) throws {
        let summary: DashboardRunSummary
        do {
            let environment = ThemeFiles.processEnvironment()
            summary = try DashboardRunner.run(backend: backend, options: options,
                                              catalog: ThemeFiles.catalog(environment: environment), environment: environment)
        } catch {
            reportFailure(error.description)
            throw ExitCode(2)
        }
        if let signal = summary.stopSignal { throw ExitCode(128 + signal) }
    }

    /// Builds the simulation for `scenario` and opens the dashboard on it; with `kafka` (`[HOST:]PORT`), a Kafka
    /// listener serves its broker too, for real clients beside the simulated ones.
    func openSimulation(_ scenario: Scenario, options: SimulationOptions, kafka: String? = nil) throws {
        let backend: SimulationBackend
        do {
            backend = try SimulationBackend(scenario: scenario, options: options)
        } catch {
            reportFailure(error.description)
            throw ExitCode(2)
        }
        guard let kafka else { return try open(backend) }
        let listener = try ServeCommand.listen(on: kafka, broker: backend.simulation.broker)
        defer { listener.stop() }
        try open(ServedSimulationBackend(simulation: backend, listener: listener))
    }
}
