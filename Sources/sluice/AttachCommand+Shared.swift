import ArgumentParser
import AttachSupport
import SluiceModel
import Terminal

/// What every engine's attach does alike, whichever engine's file calls it.
extension AttachCommand {
    /// With --once: one report after a second poll one interval later (which gives the rates something
    /// to compare with); otherwise the dashboard.
    func present(_ backend: any SystemBackend, report: (SystemSnapshot) -> String) throws {
        if once {
            let interval = Nanos(pollIntervalSeconds * Double(NanosPerUnit.second))
            backend.advance(wallNanos: SystemTime.sleep(nanos: interval))
            Console.out(report(backend.snapshot()), terminator: "")
            return
        }
        try dashboard.open(backend)
    }

    /// The password in the variable `--password-env` names, read before anything connects: an unset
    /// variable is bad input (exit 2), whichever the engine.
    func passwordFromEnvironment() throws -> String? {
        guard let variable = passwordVariable else { return nil }
        guard let password = EnvironmentSecret.value(of: variable) else {
            Console.error("sluice attach: " + EnvironmentSecret.notSet(variable))
            throw ExitCode(2)
        }
        return password
    }

    /// Says how to get a sluice that attaches to `engine`, and fails with exit 1: the build, not the input, is wrong.
    func missingTrait(engine: String, library: String, package: String, trait: String) throws -> Never {
        Console.error("""
        sluice attach: this sluice was built without \(trait) support.
        To attach to \(engine), install \(library) and build with the \(trait) trait:
          apt-get install \(package)
          swift build --traits \(trait)        (or: swift run --traits \(trait) sluice attach \(url))

        """)
        throw ExitCode.failure
    }
}
