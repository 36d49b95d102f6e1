public import AttachSupport
public import SluiceModel

/// How to reach a Redis server and what to watch there; the password comes from the environment, never from arguments.
public struct RedisConnectionOptions: Sendable {
    /// `redis://[USER@]HOST[:PORT][/DB]`.
    public var url: String
    public var password: String?
    /// Streams to watch by name; when empty the backend finds them with `SCAN ... TYPE stream`.
    public var streams: [String]
    /// How dead-letter streams are named: the given patterns, then the conventions.
    public var deadLetterPatterns: [DeadLetterPattern]
    public var readOnly: Bool
    public var pollInterval: Nanos
    /// How long connecting, and then each command, may take before it gives up (at most 2 s).
    public var timeoutMillis: Int
    /// Keys one `SCAN` step looks at; one step a poll, so a large keyspace never stalls a poll.
    public var scanCount: Int
    /// Pending entries read per group each poll (`XPENDING ... COUNT`), oldest first.
    public var pendingSample: Int

    public static let conventionalDeadLetterPatterns = [DeadLetterPattern(prefix: "", suffix: ":dlq"),
                                                        DeadLetterPattern(prefix: "", suffix: ".dlq")]

    public init(url: String, password: String? = nil, streams: [String] = [], deadLetterPatterns: [DeadLetterPattern] = [],
                readOnly: Bool = false, pollInterval: Nanos = NanosPerUnit.second, timeoutMillis: Int = 2000,
                scanCount: Int = 200, pendingSample: Int = 100) {
        self.url = url; self.password = password; self.streams = streams
        self.deadLetterPatterns = DeadLetterPattern.given(deadLetterPatterns, beside: Self.conventionalDeadLetterPatterns)
        self.readOnly = readOnly; self.pollInterval = pollInterval
        self.timeoutMillis = min(2000, max(1, timeoutMillis)); self.scanCount = scanCount; self.pendingSample = pendingSample
    }

    /// The parts of the URL, checked before anything connects, so mistakes get a plain-words error.
    public func address() throws(AttachError) -> RedisAddress {
        try RedisAddress(url: url)
    }

    /// Checks the URL and the stream names.
    public func validate() throws(AttachError) {
        _ = try address()
        for stream in streams where stream.isEmpty {
            throw AttachError("--stream needs a stream name, got an empty one")
        }
    }

    /// The URL as the header shows it.
    public var displayURL: String { (try? address().display) ?? url }

}

/// Where the server is: host, port, database and the user to authenticate as.
public struct RedisAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: Int
    public var user: String?

    public static let defaultPort = 6379

    public init(host: String, port: Int = defaultPort, database: Int = 0, user: String? = nil) {
        self.host = host; self.port = port; self.database = database; self.user = user
    }
    static let example = "redis://127.0.0.1:6379 or redis://USER@HOST:6379/2"

    /// Parses `redis://[USER@]HOST[:PORT][/DB]`; `[::1]` for an IPv6 host.
    public init(url: String) throws(AttachError) {
        let lower = url.lowercased()
        if lower.hasPrefix("rediss://") {
            throw AttachError("TLS (rediss://) needs hiredis 1.0 or later with its SSL library; the hiredis this "
                                   + "sluice is built on (Debian's 0.14) has none. Use redis:// on a trusted network, "
                                   + "or reach the server through a TLS tunnel such as stunnel")
        }
        guard lower.hasPrefix("redis://") else {
            throw AttachError("'\(url)' is not a Redis URL: expected \(Self.example)")
        }
        var rest = Substring(url.dropFirst("redis://".count))
        var databaseText: Substring?
        if let slash = rest.firstIndex(of: "/") {
            databaseText = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            if credentials.contains(":") {
                throw AttachError("the URL carries a password, which would show in the process list: "
                                       + "put it in an environment variable and name it with --password-env")
            }
            guard !credentials.isEmpty else { throw AttachError("'\(url)' has an empty user name before @") }
            user = String(credentials)
            rest = rest[rest.index(after: at)...]
        } else {
            user = nil
        }
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw AttachError("'\(url)': an IPv6 host needs a closing ]") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw AttachError("'\(url)': expected :PORT after the ]") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            portText = rest[rest.index(after: colon)...]
        } else {
            host = String(rest)
        }
        guard !host.isEmpty else { throw AttachError("'\(url)' names no host: expected \(Self.example)") }
        if let portText {
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw AttachError("'\(url)': the port must be a number from 1 to 65535, got '\(portText)'")
            }
            self.port = port
        } else {
            port = Self.defaultPort
        }
        if let databaseText, !databaseText.isEmpty {
            guard let database = Int(databaseText), database >= 0, database < 1 << 20 else {
                throw AttachError("'\(url)': the database after / must be a number 0 or more, got '\(databaseText)'")
            }
            self.database = database
        } else {
            database = 0
        }
    }

    /// `redis://user@host:port/db`, as the header shows it (never a password: the URL cannot hold one).
    public var display: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "redis://" + (user.map { $0 + "@" } ?? "") + "\(shownHost):\(port)" + (database == 0 ? "" : "/\(database)")
    }
}
