#if canImport(Glibc)
import Glibc
#endif
public import AttachSupport
public import SluiceModel

/// How to reach a Kafka cluster and what to watch; the password comes from the environment, never from arguments.
public struct KafkaConnectionOptions: Sendable {
    /// `kafka://HOST:PORT[,HOST:PORT]`, or the same list without the scheme.
    public var url: String
    public var saslMechanism: SASLMechanism?
    public var user: String?
    public var password: String?
    /// A PEM file of certificate authorities; implies TLS.
    public var tlsCAFile: String?
    public var readOnly: Bool
    public var pollInterval: Nanos
    /// How long one librdkafka call (metadata, admin request, watermark query, flush) may block.
    public var requestTimeoutMillis: Int32
    /// Groups to watch as well as those the cluster lists (a cluster without ListGroups lists none).
    public var groups: [String]
    /// Dead-letter topic names beside the conventions (`--dlq-pattern`).
    public var deadLetterPatterns: [DeadLetterPattern]

    /// The longest a single call may block: the UI loop calls `advance` between frames.
    public static let maxRequestTimeoutMillis: Int32 = 2000

    public init(url: String, saslMechanism: SASLMechanism? = nil, user: String? = nil, password: String? = nil,
                tlsCAFile: String? = nil, readOnly: Bool = false, pollInterval: Nanos = NanosPerUnit.second,
                requestTimeoutMillis: Int32 = 2000, groups: [String] = [], deadLetterPatterns: [DeadLetterPattern] = []) {
        self.url = url; self.saslMechanism = saslMechanism; self.user = user; self.password = password
        self.tlsCAFile = tlsCAFile; self.readOnly = readOnly; self.pollInterval = pollInterval
        self.requestTimeoutMillis = min(requestTimeoutMillis, Self.maxRequestTimeoutMillis)
        self.groups = groups; self.deadLetterPatterns = deadLetterPatterns
    }

    /// The brokers to bootstrap from, `HOST:PORT` each, after `validate()` accepted them.
    public var bootstrapServers: [String] {
        let list = url.lowercased().hasPrefix("kafka://") ? String(url.dropFirst("kafka://".count)) : url
        return list.split(separator: ",", omittingEmptySubsequences: false).map { String($0).kafkaTrimmingSpaces }
    }

    /// The URL as the header shows it.
    public var displayURL: String { "kafka://" + bootstrapServers.joined(separator: ",") }

    /// Checks the URL and the security flags before librdkafka sees them, so mistakes get a plain-words error.
    public func validate() throws(AttachError) {
        guard url.lowercased().hasPrefix("kafka://") else {
            throw AttachError("'\(url)' is not a Kafka URL: use kafka://HOST:PORT[,HOST:PORT]")
        }
        let servers = bootstrapServers
        guard !servers.isEmpty, !servers.contains(where: \.isEmpty) else {
            throw AttachError("'\(url)' names no broker: use kafka://HOST:PORT[,HOST:PORT]")
        }
        for server in servers {
            if server.contains("@") {
                throw AttachError("'\(server)' carries credentials, which would show in the process list: "
                                       + "use --user NAME with --password-env VARIABLE")
            }
            guard let colon = server.lastIndex(of: ":"), colon != server.startIndex,
                  let port = Int(server[server.index(after: colon)...]), (1...65535).contains(port) else {
                throw AttachError("'\(server)' in \(url) is not HOST:PORT with a port from 1 to 65535")
            }
            if server.contains("/") { throw AttachError("'\(server)' in \(url) is not HOST:PORT (no path)") }
        }
        if saslMechanism != nil && (user == nil || password == nil) {
            throw AttachError("--sasl needs --user NAME and --password-env VARIABLE")
        }
        if (user != nil || password != nil) && saslMechanism == nil {
            throw AttachError("--user and --password-env need --sasl MECHANISM (\(SASLMechanism.choices))")
        }
        // librdkafka's own words for a missing file name no flag; say which one, before it is asked.
        if let tlsCAFile, access(tlsCAFile, R_OK) != 0 {
            throw AttachError("--tls-ca: cannot read '\(tlsCAFile)' (expected a PEM file of certificate authorities)")
        }
        for group in groups where group.isEmpty { throw AttachError("--group needs a group name") }
    }

    /// `security.protocol` as librdkafka spells it.
    public var securityProtocol: String {
        switch (saslMechanism != nil, tlsCAFile != nil) {
        case (false, false): "plaintext"
        case (false, true): "ssl"
        case (true, false): "sasl_plaintext"
        case (true, true): "sasl_ssl"
        }
    }

    /// Every librdkafka setting the attach makes, in order; the password is last so a log of the others leaks nothing.
    public var clientSettings: [(key: String, value: String)] {
        var settings: [(key: String, value: String)] = [
            ("bootstrap.servers", bootstrapServers.joined(separator: ",")),
            ("client.id", "sluice-attach"),
            ("security.protocol", securityProtocol),
            ("socket.timeout.ms", "\(max(Int32(1000), requestTimeoutMillis))"),
            // Keep reconnecting quietly: the header reports the outage, stderr must stay clean under ncurses.
            ("reconnect.backoff.max.ms", "2000"),
            ("log_level", "0"),
        ]
        if let tlsCAFile { settings.append(("ssl.ca.location", tlsCAFile)) }
        if let saslMechanism, let user, let password {
            settings += [("sasl.mechanisms", saslMechanism.rawValue), ("sasl.username", user), ("sasl.password", password)]
        }
        return settings
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    var kafkaTrimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
