#if canImport(Glibc)
import Glibc
#endif

/// Reads the `INFO {...}` line a NATS server sends first on every connection, which names its version.
///
/// The C client keeps that line to itself, so Sluice opens one short extra connection for it. The
/// greeting comes before any TLS handshake, so this works for `tls://` servers too.
public enum ServerGreeting {
    /// Host and port of a `nats://host:port` URL (`[v6]:port` too); the port defaults to 4222.
    public static func hostAndPort(of url: String) -> (host: String, port: Int)? {
        var rest = Substring(url)
        if let schemeEnd = rest.firstRange(of: "://") { rest = rest[schemeEnd.upperBound...] }
        rest = rest.prefix { $0 != "/" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            let host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            return (host, after.hasPrefix(":") ? Int(after.dropFirst()) ?? 4222 : 4222)
        }
        let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 2 else { return nil }
        let port = parts.count == 2 ? Int(parts[1]) : 4222
        guard let port else { return nil }
        return (String(host), port)
    }

    /// The greeting line without its CRLF, or nil when the server cannot be reached in time.
    public static func read(host: String, port: Int, timeoutMillis: Int = 2000) -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return nil }
        defer { freeaddrinfo(first) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            if let line = readLine(from: address.pointee, timeoutMillis: timeoutMillis) { return line }
            candidate = address.pointee.ai_next
        }
        return nil
    }

    private static func readLine(from address: addrinfo, timeoutMillis: Int) -> String? {
        let socketFD = socket(address.ai_family, address.ai_socktype, address.ai_protocol)
        guard socketFD >= 0 else { return nil }
        defer { close(socketFD) }
        var timeout = timeval(tv_sec: timeoutMillis / 1000, tv_usec: (timeoutMillis % 1000) * 1000)
        let size = socklen_t(MemoryLayout<timeval>.size)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, size)
        setsockopt(socketFD, SOL_SOCKET, SO_SNDTIMEO, &timeout, size)
        guard connect(socketFD, address.ai_addr, address.ai_addrlen) == 0 else { return nil }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        // A greeting is a few hundred bytes; 64 KiB without a newline is not a NATS server.
        while received.count < 65_536 {
            let count = recv(socketFD, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            received += chunk[0..<count]
            if let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
                var line = received[..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                return String(decoding: line, as: UTF8.self)
            }
        }
        return nil
    }
}
