import ArgumentParser
import Broker
import Dashboard
import Foundation
import KafkaListener
import SluiceModel

/// `sluice serve`: an empty broker with a Kafka listener, for your own Kafka clients.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve an empty broker to Kafka clients on the dashboard (--headless: without a screen, until SIGINT or SIGTERM).",
        discussion: "Topics are created by CreateTopics or on first use. Exit status: 0 ok, 2 invalid input, 3 cannot listen."
    )

    @Option(help: "Where to listen: PORT or HOST:PORT. Anywhere but loopback must be named.")
    var kafka = "127.0.0.1:9092"

    @Option(help: "Partitions of a topic created on first use.")
    var partitions = 3

    @Option(help: "The largest request frame in bytes; a larger one closes its connection.")
    var kafkaMaxFrame = 100 * 1024 * 1024

    @Option(help: ArgumentHelp("The address clients are told to connect back to (Metadata, FindCoordinator): "
                               + "a TLS proxy's in front of the listener, say. Defaults to where it listens.",
                               valueName: "HOST:PORT"))
    var kafkaAdvertise: String?

    @Option(help: "Require SASL as this user, by PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (with --kafka-password-env).")
    var kafkaUser: String?

    @Option(help: "The environment variable that holds the SASL password: a secret never goes on the command line.")
    var kafkaPasswordEnv: String?

    @Flag(help: "Run without the dashboard and print a summary on SIGINT or SIGTERM.")
    var headless = false

    @OptionGroup(title: "Dashboard")
    var dashboard: DashboardFlags

    func run() throws {
        guard let (host, port) = Self.address(kafka) else {
            reportFailure("--kafka: expected PORT or HOST:PORT, got \"\(UntrustedText.escape(kafka))\"")
            throw ExitCode(2)
        }
        guard (1...1000).contains(partitions) else {
            reportFailure("--partitions: expected 1 to 1000, got \(partitions)")
            throw ExitCode(2)
        }
        guard kafkaMaxFrame >= 1024 else {
            reportFailure("--kafka-max-frame: expected at least 1024 bytes, got \(kafkaMaxFrame)")
            throw ExitCode(2)
        }
        let credentials = try Self.credentials(user: kafkaUser, passwordVariable: kafkaPasswordEnv)
        let advertised = try kafkaAdvertise.map { text in
            // A client must be able to connect to it: a host and a port from 1, never a bare port or 0.
            guard text.contains(":"), let (host, port) = Self.address(text), port > 0 else {
                reportFailure("--kafka-advertise: expected HOST:PORT with a port from 1 to 65535, got \"\(UntrustedText.escape(text))\"")
                throw ExitCode(2)
            }
            return (host: host, port: port)
        }
        // Unix time, as Kafka's timestamps count it: a record's time and a seek to a time then agree.
        let broker = Broker(clock: EpochClock())
        let configuration = KafkaListenerConfiguration(host: host, port: port, advertisedHost: advertised?.host,
                                                       advertisedPort: advertised?.port, maxFrameBytes: kafkaMaxFrame,
                                                       defaultPartitions: partitions, credentials: credentials)
        let listener: KafkaListener
        let headless = headless
        do {
            // On the dashboard the listener's lines go to its event log: stderr would write over the screen.
            listener = try KafkaListener(broker: broker, configuration: configuration) { line in
                if headless { Console.error("sluice: " + line) } else { broker.log(.warning, line) }
            }
        } catch {
            reportFailure("cannot listen on \(host):\(port): \(error)")
            throw ExitCode(3)
        }
        guard headless else {
            defer { listener.stop() }
            return try dashboard.open(ListenerBackend(broker: broker, listener: listener))
        }
        // Console writes straight to the descriptor: a script waiting for this line sees it now, not at exit.
        Console.out("sluice: Kafka listener on \(host):\(listener.port)"
                    + (advertised.map { ", advertised as \($0.host):\($0.port)" } ?? ""))
        Self.waitForTermination()
        listener.stop()
        Console.out(ServeSummary(broker: broker, groups: listener.clientGroups).text, terminator: "")
    }

    /// A listener on `address` (`[HOST:]PORT`) over a run's broker, its lines in the broker's event log
    /// (the dashboard has the terminal); a bad address is exit 2, a port that cannot be bound exit 3.
    static func listen(on address: String, broker: Broker) throws -> KafkaListener {
        guard let (host, port) = Self.address(address) else {
            reportFailure("--kafka: expected PORT or HOST:PORT, got \"\(UntrustedText.escape(address))\"")
            throw ExitCode(2)
        }
        do {
            return try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(host: host, port: port)) { line in
                broker.log(.warning, line)
            }
        } catch {
            reportFailure("cannot listen on \(host):\(port): \(error)")
            throw ExitCode(3)
        }
    }

    /// The SASL/PLAIN user and the password read from the environment; both or neither.
    static func credentials(user: String?, passwordVariable: String?) throws -> KafkaCredentials? {
        switch (user, passwordVariable) {
        case (nil, nil):
            return nil
        case let (user?, variable?):
            guard let password = ProcessInfo.processInfo.environment[variable], !password.isEmpty else {
                reportFailure("--kafka-password-env: the variable \(UntrustedText.escape(variable)) is not set or empty")
                throw ExitCode(2)
            }
            return KafkaCredentials(user: user, password: password)
        default:
            reportFailure("--kafka-user and --kafka-password-env go together")
            throw ExitCode(2)
        }
    }

    /// PORT or HOST:PORT; a bare port listens on loopback.
    static func address(_ text: String) -> (host: String, port: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let port = Int(parts.last ?? ""), (0...65535).contains(port) else { return nil }
        let host = parts.count == 2 ? String(parts[0]) : "127.0.0.1"
        return host.isEmpty ? nil : (host, port)
    }

    /// Blocks until SIGINT or SIGTERM arrives.
    static func waitForTermination() {
        let stop = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        stop.wait()
        sources.forEach { $0.cancel() }
    }
}

/// What `serve --headless` prints when it stops: each topic's records and each group's members and lag.
struct ServeSummary {
    let broker: Broker
    let groups: ClientAssignedGroups

    var text: String {
        var lines: [String] = []
        for topic in broker.topics {
            let ends = (0..<topic.partitionCount).map { (try? topic.logEndOffset(partition: $0)) ?? 0 }
            lines.append("topic \(UntrustedText.escape(topic.name)): \(topic.partitionCount) partitions, \(ends.reduce(0, +)) records")
        }
        for group in groups.all {
            let described = group.describe()
            let committed = group.committedOffsets()
            let lag = committed.reduce(Int64(0)) { total, offset in
                let end = (try? broker.topic(offset.key.topic).logEndOffset(partition: Int(offset.key.partition))) ?? offset.offset
                return total + max(0, end - offset.offset)
            }
            lines.append("group \(UntrustedText.escape(group.id)): \(described.phase.rawValue), \(described.members.count) members, "
                + "\(committed.count) committed partitions, lag \(lag)")
        }
        return lines.isEmpty ? "no topics\n" : lines.joined(separator: "\n") + "\n"
    }
}
