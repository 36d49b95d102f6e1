import ArgumentParser
#if NATS
import AttachNATS
import SluiceModel
import Terminal
#endif

/// `sluice attach URL`: the dashboard on a live NATS JetStream instead of the simulation.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Watch and act on a live NATS JetStream: streams, consumers, lag, redeliveries, dead letters.",
        discussion: """
        Secrets never go on the command line: use --creds FILE, or --user NAME with --password-env VARIABLE.
        Needs a build with NATS support: apt-get install libnats-dev, then swift build --traits NATS.
        """
    )

    @Argument(help: "Server URL: nats://HOST:PORT or tls://HOST:PORT (a comma-separated list is fine).")
    var url: String

    @Option(name: .customLong("creds"), help: ArgumentHelp("NATS credentials file (user JWT and NKey seed).", valueName: "file"))
    var credentialsFile: String?

    @Option(help: "User name; the password comes from --password-env.")
    var user: String?

    @Option(name: .customLong("password-env"),
            help: ArgumentHelp("Environment variable that holds the password.", valueName: "variable"))
    var passwordVariable: String?

    @Option(name: .customLong("tls-ca"), help: ArgumentHelp("PEM file of trusted CAs; switches TLS on.", valueName: "file"))
    var tlsCAFile: String?

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardFlags

    @Option(name: .customLong("poll-interval"), help: ArgumentHelp("Seconds between polls.", valueName: "seconds"))
    var pollIntervalSeconds: Double = 1

    @Flag(help: "Print one snapshot as text (rates measured over one poll interval) and exit.")
    var once = false

    func validate() throws {
        guard pollIntervalSeconds.isFinite, pollIntervalSeconds >= 0.1, pollIntervalSeconds <= 3600 else {
            throw ValidationError("--poll-interval must be between 0.1 and 3600 seconds")
        }
        if passwordVariable != nil && user == nil {
            throw ValidationError("--password-env needs --user")
        }
    }

    func run() throws {
        #if NATS
        let backend: NATSBackend
        do {
            backend = try NATSBackend(options: try connectionOptions())
        } catch {
            Console.error("sluice attach: \(error.message)")
            throw ExitCode.failure
        }
        let interval = Nanos(pollIntervalSeconds * Double(NanosPerUnit.second))
        if once {
            // A second poll one interval later gives the rates something to compare with.
            backend.advance(wallNanos: MonotonicClock.sleep(nanos: interval))
            Console.out(AttachReport.render(backend.snapshot()), terminator: "")
            return
        }
        try dashboard.open(backend)
        #else
        Console.error("""
        sluice attach: this sluice was built without NATS support.
        To attach to NATS JetStream, install the C client and build with the NATS trait:
          apt-get install libnats-dev
          swift build --traits NATS        (or: swift run --traits NATS sluice attach \(url))

        """)
        throw ExitCode.failure
        #endif
    }

    #if NATS
    /// The options for the backend, with the password read from the environment.
    private func connectionOptions() throws(NATSAttachError) -> NATSConnectionOptions {
        let password = try passwordVariable.map { variable throws(NATSAttachError) in
            try NATSConnectionOptions.secret(fromEnvironment: variable)
        }
        return NATSConnectionOptions(
            url: url, credentialsFile: credentialsFile, user: user, password: password, tlsCAFile: tlsCAFile,
            readOnly: dashboard.readOnly, pollInterval: Nanos(pollIntervalSeconds * Double(NanosPerUnit.second)))
    }
    #endif
}
