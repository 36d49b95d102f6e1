import ArgumentParser

extension AttachCommand {
    /// Says how to get a build that attaches to `engine`, and fails with exit 1 (the build, not the input, is at fault).
    static func builtWithout(engine: String, trait: String, package: String, url: String) -> ExitCode {
        Console.error("""
        sluice attach: this sluice was built without \(trait) support.
        To attach to \(engine), install the C client and build with the \(trait) trait:
          apt-get install \(package)
          swift build --traits \(trait)        (or: swift run --traits \(trait) sluice attach \(url))

        """)
        return ExitCode.failure
    }
}
