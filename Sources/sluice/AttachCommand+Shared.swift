import ArgumentParser
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
