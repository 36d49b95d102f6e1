#if RabbitMQ
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import AttachSupport

/// The management plugin's HTTP API, read through async-http-client from the backend's thread: each GET
/// waits for its answer (never on an event loop), bounded by the timeout.
final class ManagementClient {
    private let client: HTTPClient
    private let base: String
    private let authorization: String
    private let timeout: TimeAmount
    private let tlsCAFile: String?

    init(base: String, user: String, password: String, tlsCAFile: String?, timeoutMillis: Int) {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let tlsCAFile { tls.trustRoots = .file(tlsCAFile) }
        timeout = .milliseconds(Int64(timeoutMillis))
        let configuration = HTTPClient.Configuration(tlsConfiguration: tls, timeout: .init(connect: timeout, read: timeout))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.base = base
        self.tlsCAFile = tlsCAFile
        authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    deinit { try? client.syncShutdown() }

    /// `GET base + path`; the body of a 200, else an error that says what the API answered.
    func get(_ path: String) throws(AttachError) -> [UInt8] {
        try send("GET", path, body: nil, expecting: [200])
    }

    /// A request that changes something (used by tests to set up queues and bindings the way an operator would).
    func send(_ method: String, _ path: String, body: [UInt8]?, expecting statuses: Set<UInt>) throws(AttachError) -> [UInt8] {
        let response: HTTPClient.Response
        do {
            var headers = HTTPHeaders([("Authorization", authorization), ("Accept", "application/json")])
            if body != nil { headers.add(name: "Content-Type", value: "application/json") }
            let request = try HTTPClient.Request(url: base + path, method: HTTPMethod(rawValue: method), headers: headers,
                                                 body: body.map { .bytes($0) })
            response = try client.execute(request: request, deadline: .now() + timeout).wait()
        } catch {
            if let refused = tlsRefusal(error) { throw refused }
            throw AttachError("the management API at \(base) did not answer \(path): \(Self.describe(error))")
        }
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        guard statuses.contains(response.status.code) else {
            let reason = (try? ManagementJSON.parse(bytes, what: path))?["reason"].string
            switch response.status.code {
            case 401: throw AttachError("the management API at \(base) refused the user and password (401)")
            default:
                throw AttachError("the management API answered \(path) with \(response.status.code)"
                                          + (reason.map { ": \($0)" } ?? ""))
            }
        }
        return bytes
    }

    /// A handshake that failed on the certificate is a wrong `--tls-ca` (bad input), worded as such.
    private func tlsRefusal(_ error: any Error) -> AttachError? {
        guard let tlsCAFile, let error = error as? NIOSSLError, case .handshakeFailed(let reason) = error else { return nil }
        let detail = String(describing: reason)
        guard detail.contains("CERTIFICATE_VERIFY_FAILED") else {
            return AttachError("TLS to the management API at \(base) failed in the handshake (\(detail)): does it speak https?")
        }
        return AttachError("TLS to the management API at \(base): its certificate is not signed by a CA in --tls-ca "
                                   + "\(tlsCAFile), or does not name its host", badInput: true)
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return String(describing: error) }
        if let error = error as? IOError { return error.description }
        return String(describing: error)
    }
}
#endif
