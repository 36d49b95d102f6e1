#if canImport(Glibc)
import Glibc
#endif
public import SluiceModel
public import AttachSupport

/// How to reach RabbitMQ (AMQP for actions, the management API for figures) and what to do there;
/// the password comes from the environment, never from arguments.
public struct RabbitMQConnectionOptions: Sendable {
    /// `amqp://[USER@]HOST[:PORT][/VHOST]`, or `amqps://` (TLS, with `tlsCAFile`).
    public var url: String
    /// `http://HOST:15672` by default (`https://HOST:15671` with TLS, RabbitMQ's ports); the API's own address when it differs.
    public var managementURL: String?
    public var user: String?
    public var password: String?
    /// PEM file of trusted CAs: TLS for AMQP and for the management API.
    public var tlsCAFile: String?
    public var readOnly: Bool
    public var pollInterval: Nanos
    /// How long connecting, and then each request, may take (at most 2 s).
    public var timeoutMillis: Int

    public static let defaultUser = "guest"
    public static let defaultManagementPort = 15672
    public static let defaultManagementTLSPort = 15671

    public init(url: String, managementURL: String? = nil, user: String? = nil, password: String? = nil,
                tlsCAFile: String? = nil, readOnly: Bool = false, pollInterval: Nanos = NanosPerUnit.second,
                timeoutMillis: Int = 2000) {
        self.url = url; self.managementURL = managementURL; self.user = user; self.password = password
        self.tlsCAFile = tlsCAFile; self.readOnly = readOnly; self.pollInterval = pollInterval
        self.timeoutMillis = min(2000, max(1, timeoutMillis))
    }

    /// The AMQP address, checked before anything connects, so mistakes get a plain-words error.
    public func address() throws(AttachError) -> RabbitMQAddress {
        var address = try RabbitMQAddress(url: url)
        if let user {
            if address.userFromURL { throw AttachError("give the user once: in the URL (amqp://USER@HOST) or with --user") }
            address.user = user
        }
        if address.tls, tlsCAFile == nil {
            throw AttachError("amqps:// needs --tls-ca FILE: the PEM file of the CAs that signed the server's certificate")
        }
        if tlsCAFile != nil { address.tls = true }
        return address
    }

    /// The management API's base URL, without a trailing slash.
    public func management() throws(AttachError) -> String {
        let tls = try address().tls
        guard var base = managementURL else {
            let host = try address().host
            return (tls ? "https://" : "http://") + (host.contains(":") ? "[\(host)]" : host)
                + ":\(tls ? Self.defaultManagementTLSPort : Self.defaultManagementPort)"
        }
        let lower = base.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), base.count > "https://".count else {
            throw AttachError("--management '\(base)' is not an HTTP URL: expected http://HOST:15672 or https://HOST:15671")
        }
        if base.contains("@") {
            throw AttachError("--management carries credentials; the user and password are the AMQP ones (--user, --password-env)")
        }
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    public func validate() throws(AttachError) {
        _ = try management()
        if let tlsCAFile { try Self.checkCAFile(tlsCAFile) }
    }

    /// A CA file must be there and hold a PEM certificate, checked before anything connects, so a wrong path is
    /// told apart from a server whose certificate the CA did not sign.
    static func checkCAFile(_ path: String) throws(AttachError) {
        guard let file = fopen(path, "r") else {
            throw AttachError("--tls-ca \(path): cannot be read (\(String(cString: strerror(errno))))", badInput: true)
        }
        defer { fclose(file) }
        var head = [UInt8](repeating: 0, count: 1 << 20)
        let count = fread(&head, 1, head.count, file)
        let text = String(decoding: head[..<count], as: UTF8.self)
        guard text.contains("-----BEGIN CERTIFICATE-----") else {
            throw AttachError("--tls-ca \(path): holds no PEM certificate (expected -----BEGIN CERTIFICATE-----, "
                                      + "the CAs that signed the server's certificate)", badInput: true)
        }
    }

    /// The URL as the header shows it.
    public var displayURL: String { (try? address().display) ?? url }

}

/// Where the broker is: host, AMQP port, virtual host and user.
public struct RabbitMQAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var vhost: String
    public var user: String
    public var tls: Bool
    var userFromURL: Bool

    static let example = "amqp://127.0.0.1:5672 or amqp://USER@HOST:5672/VHOST"

    /// Parses `amqp://[USER@]HOST[:PORT][/VHOST]` (`amqps://` for TLS; `%2F` in the vhost for a slash).
    public init(url: String) throws(AttachError) {
        let lower = url.lowercased()
        tls = lower.hasPrefix("amqps://")
        guard tls || lower.hasPrefix("amqp://") else {
            throw AttachError("'\(url)' is not an AMQP URL: expected \(Self.example)")
        }
        var rest = Substring(url.drop { $0 != "/" }.dropFirst(2))
        vhost = "/"
        if let slash = rest.firstIndex(of: "/") {
            let name = rest[rest.index(after: slash)...]
            if !name.isEmpty { vhost = String(name).replacing("%2F", with: "/").replacing("%2f", with: "/") }
            rest = rest[..<slash]
        }
        userFromURL = false
        user = RabbitMQConnectionOptions.defaultUser
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            if credentials.contains(":") {
                throw AttachError("the URL carries a password, which would show in the process list: "
                                          + "put it in an environment variable and name it with --password-env")
            }
            guard !credentials.isEmpty else { throw AttachError("'\(url)' has an empty user name before @") }
            user = String(credentials); userFromURL = true
            rest = rest[rest.index(after: at)...]
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
            host = String(rest[..<colon]); portText = rest[rest.index(after: colon)...]
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
            port = tls ? 5671 : 5672
        }
    }

    /// Whether the host is an IPv4 or IPv6 address rather than a name (a certificate names the two differently).
    public var isIPAddress: Bool {
        var room = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, host, &room) == 1 || inet_pton(AF_INET6, host, &room) == 1
    }

    /// `amqp://user@host:port/vhost`, as the header shows it (never a password: the URL cannot hold one).
    public var display: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return (tls ? "amqps://" : "amqp://") + "\(user)@\(shownHost):\(port)" + (vhost == "/" ? "" : "/" + vhost)
    }
}
