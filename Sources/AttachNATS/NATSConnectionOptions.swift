public import SluiceModel
public import AttachSupport

/// How to reach a NATS server; secrets come from files or the environment, never from arguments.
public struct NATSConnectionOptions: Sendable {
    /// One URL or a comma-separated list: `nats://host:4222`, `tls://host:4222`.
    public var url: String
    /// A `.creds` file (user JWT and NKey seed).
    public var credentialsFile: String?
    public var user: String?
    public var password: String?
    /// A PEM file of certificate authorities; implies TLS.
    public var tlsCAFile: String?
    /// Every action that would change the server is refused.
    public var readOnly: Bool
    /// How often the backend asks the server for stream and consumer state.
    public var pollInterval: Nanos
    /// How long one JetStream API request may take before the poll gives up.
    public var requestTimeoutMillis: Int64
    /// Pause between reconnection attempts after the connection drops.
    public var reconnectWaitMillis: Int64

    public init(url: String, credentialsFile: String? = nil, user: String? = nil, password: String? = nil,
                tlsCAFile: String? = nil, readOnly: Bool = false, pollInterval: Nanos = NanosPerUnit.second,
                requestTimeoutMillis: Int64 = 2000, reconnectWaitMillis: Int64 = 500) {
        self.url = url; self.credentialsFile = credentialsFile; self.user = user; self.password = password
        self.tlsCAFile = tlsCAFile; self.readOnly = readOnly; self.pollInterval = pollInterval
        self.requestTimeoutMillis = requestTimeoutMillis; self.reconnectWaitMillis = reconnectWaitMillis
    }

    /// Accepted URL schemes.
    static let schemes = ["nats", "tls"]

    /// Checks the URLs before the C client sees them, so mistakes get a plain-words error.
    public func validate() throws(AttachError) {
        let urls = url.split(separator: ",").map { $0.trimmingSpaces }
        guard !urls.isEmpty else { throw AttachError("no server URL given (e.g. nats://127.0.0.1:4222)") }
        for one in urls {
            guard let schemeEnd = one.firstRange(of: "://"),
                  Self.schemes.contains(String(one[..<schemeEnd.lowerBound]).lowercased()) else {
                throw AttachError("'\(one)' is not a NATS URL: use nats://HOST:PORT or tls://HOST:PORT")
            }
            let rest = one[schemeEnd.upperBound...]
            if rest.prefix(while: { $0 != "/" }).contains("@") {
                throw AttachError("'\(Self.redacted(one))' carries credentials, which would show in the process "
                                      + "list: use --creds FILE, or --user NAME with --password-env VARIABLE")
            }
            if rest.isEmpty || rest.hasPrefix(":") {
                throw AttachError("'\(one)' names no host")
            }
        }
        if credentialsFile != nil && user != nil {
            throw AttachError("give either --creds or --user, not both")
        }
        if password != nil && user == nil {
            throw AttachError("a password needs --user")
        }
    }

    /// The URL as the header shows it: anything before an `@` is hidden.
    public var displayURL: String {
        url.split(separator: ",").map { Self.redacted($0.trimmingSpaces) }.joined(separator: ",")
    }

    /// Whether the first URL asks for TLS, or a CA file does.
    var wantsTLS: Bool {
        tlsCAFile != nil || url.trimmingSpaces.lowercased().hasPrefix("tls://")
    }

    private static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix(while: { $0 != "/" })
        guard let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + "***@" + String(rest[rest.index(after: at)...])
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
