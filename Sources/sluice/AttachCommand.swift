import ArgumentParser
import AttachSupport
#if NATS
import AttachNATS
import SluiceModel
import Terminal
#endif

/// `sluice attach URL`: the dashboard on a live engine instead of the simulation; each engine in its own file.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Watch and act on a live NATS JetStream, Kafka cluster, Redis or RabbitMQ: streams, queues, consumers, lag, redeliveries, dead letters.",
        discussion: """
        Secrets never go on the command line: use --creds FILE, or --user NAME with --password-env VARIABLE.
        Needs a build with NATS support: apt-get install libnats-dev, then swift build --traits NATS.
        Kafka needs librdkafka: apt-get install librdkafka-dev, then swift build --traits Kafka.
        Redis: redis://[USER@]HOST:6379[/DB], password from --password-env; needs apt-get install libhiredis-dev
        and swift build --traits Redis.
        RabbitMQ: amqp://[USER@]HOST:5672[/VHOST], or amqps://HOST:5671 with --tls-ca FILE; figures from the management
        API (--management, default http://HOST:15672, https://HOST:15671 with TLS), password from --password-env
        (default guest); needs
        apt-get install librabbitmq-dev and swift build --traits RabbitMQ.
        """
    )

    @Argument(help: "Server URL: nats://HOST:PORT, tls://HOST:PORT or kafka://HOST:PORT (a comma-separated list is fine), redis://[USER@]HOST:PORT[/DB], or amqp://[USER@]HOST:PORT[/VHOST].")
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

    @OptionGroup(title: "Kafka")
    var kafka: KafkaAttachFlags

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardFlags

    @Option(name: .customLong("stream"),
            help: ArgumentHelp("Redis: watch this stream (repeatable); without it streams are found with SCAN.", valueName: "name"))
    var redisStreams: [String] = []

    // One flag, one syntax, for every engine that finds dead letters by name.
    @Option(name: .customLong("dlq-pattern"), parsing: .singleValue,
            help: ArgumentHelp("Dead-letter naming beside the conventions, * standing for the source's name (repeatable). "
                               + "Kafka's conventions: *.dlq, *-dlt, *.DLT; Redis's: *:dlq, *.dlq.", valueName: "pattern"),
            transform: AttachCommand.deadLetterPattern)
    var deadLetterPatterns: [DeadLetterPattern] = []

    private static func deadLetterPattern(_ text: String) throws -> DeadLetterPattern {
        do throws(DeadLetterPatternError) { return try DeadLetterPattern(parsing: text) } catch { throw ValidationError(error.message) }
    }

    @Option(name: .customLong("management"),
            help: ArgumentHelp("RabbitMQ: the management API's URL (default http://HOST:15672).", valueName: "url"))
    var managementURL: String?

    @Option(name: .customLong("poll-interval"), help: ArgumentHelp("Seconds between polls.", valueName: "seconds"))
    var pollIntervalSeconds: Double = 1

    @Flag(help: "Print one snapshot as text (rates measured over one poll interval) and exit.")
    var once = false

    func validate() throws {
        guard pollIntervalSeconds.isFinite, pollIntervalSeconds >= 0.1, pollIntervalSeconds <= 3600 else {
            throw ValidationError("--poll-interval must be between 0.1 and 3600 seconds")
        }
        if !isRabbitMQURL && managementURL != nil { throw ValidationError("--management is for amqp:// URLs") }
        if !isRedisURL && !redisStreams.isEmpty { throw ValidationError("--stream is for redis:// URLs") }
        if !isRedisURL && !isKafka && !deadLetterPatterns.isEmpty {
            throw ValidationError("--dlq-pattern is for kafka:// and redis:// URLs")
        }
        if passwordVariable != nil && user == nil && !isRedisURL && !isRabbitMQURL {
            throw ValidationError("--password-env needs --user")
        }
        try validateKafka()
    }

    func run() throws {
        let password = try passwordFromEnvironment()
        if isKafka { return try runKafka(password: password) }
        if isRedisURL { return try runRedis(password: password) }
        if isRabbitMQURL { return try runRabbitMQ(password: password) }
        #if NATS
        let options = connectionOptions(password: password)
        let backend: NATSBackend
        do {
            backend = try NATSBackend(options: options)
        } catch {
            Console.error("sluice attach: \(error.message)")
            throw ExitCode.failure
        }
        try present(backend, report: AttachReport.render)
        #else
        try missingTrait(engine: "NATS JetStream", library: "the C client", package: "libnats-dev", trait: "NATS")
        #endif
    }

    #if NATS
    private func connectionOptions(password: String?) -> NATSConnectionOptions {
        NATSConnectionOptions(
            url: url, credentialsFile: credentialsFile, user: user, password: password, tlsCAFile: tlsCAFile,
            readOnly: dashboard.readOnly, pollInterval: Nanos(pollIntervalSeconds * Double(NanosPerUnit.second)))
    }
    #endif
}
