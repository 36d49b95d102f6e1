import Broker
import Foundation
import KafkaListener
import KafkaProtocol
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Raw bytes over a real socket: what the frame limit and the decoder do to a client that misbehaves.
@Suite struct ListenerSocketTests {
    /// A blocking loopback TCP client, enough to send bytes and read until the server closes.
    struct RawClient {
        let socket: Int32

        init(port: Int) throws {
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        }

        func send(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) } }

        /// Everything the server sends until it closes the connection (or five seconds pass).
        func readUntilClosed() -> (bytes: [UInt8], closed: Bool) {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count == 0 { return (received, true) }
                if count < 0 { return (received, false) }
                received += buffer[..<count]
            }
        }

        func close() { _ = Glibc.close(socket) }
    }

    static func sizePrefixed(_ frame: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: Int32(frame.count).bigEndian, Array.init) + frame
    }

    @Test(.timeLimit(.minutes(1)))
    func aFrameOverTheLimitClosesTheConnectionAndSaysWhy() throws {
        let log = LogLines()
        let listener = try KafkaListener(broker: Broker(clock: MonotonicClock()),
                                         configuration: KafkaListenerConfiguration(port: 0, maxFrameBytes: 1024), log: log.append)
        defer { listener.stop() }
        let client = try RawClient(port: listener.port)
        defer { client.close() }
        // Only the size: 2 GiB announced, nothing sent after it. The listener must not wait for or buffer it.
        client.send([0x7F, 0xFF, 0xFF, 0xFF])
        let (bytes, closed) = client.readUntilClosed()
        #expect(closed && bytes.isEmpty)
        #expect(log.lines.count == 1)
        #expect(log.lines.first?.contains("2147483647 bytes is over the limit of 1024") == true, "\(log.lines)")
        #expect(log.lines.first?.contains("127.0.0.1") == true, "names the client: \(log.lines)")
    }

    @Test(.timeLimit(.minutes(1)))
    func requestsPipelinedOnOneConnectionAreAnsweredInOrderThenGarbageClosesIt() throws {
        let log = LogLines()
        let listener = try KafkaListener(broker: Broker(clock: MonotonicClock()),
                                         configuration: KafkaListenerConfiguration(port: 0), log: log.append)
        defer { listener.stop() }
        let client = try RawClient(port: listener.port)
        defer { client.close() }
        var pipelined: [UInt8] = []
        for correlation in 1...5 {
            var header = RequestHeader()
            header.requestApiKey = KafkaApiKey.apiVersions.rawValue
            header.requestApiVersion = Int16(correlation % 4)
            header.correlationId = Int32(correlation)
            pipelined += Self.sizePrefixed(try KafkaFrame.encodeRequest(header: header, body: ApiVersionsRequest()))
        }
        pipelined += Self.sizePrefixed([0, 3, 0, 12, 0, 0, 0, 6, 0xFF, 0xFF, 0xFF])  // Metadata v12 that does not decode
        client.send(pipelined)
        let (bytes, closed) = client.readUntilClosed()
        #expect(closed)
        var reader = KafkaReader(bytes)
        var correlations: [Int32] = []
        while reader.remaining > 0 {
            let size = Int(try reader.readInt32())
            var frame = KafkaReader(Array(try reader.readRaw(size)))
            correlations.append(try frame.readInt32())
        }
        #expect(correlations == [1, 2, 3, 4, 5])
        #expect(log.lines.count == 1 && log.lines[0].contains("did not decode"), "\(log.lines)")
    }
}
