import Broker
import Foundation
import KafkaListener
import Synchronization
import Testing

/// Debian's kcat (librdkafka 2.0) against the real listener on a loopback port: what a user's own client does.
@Suite(.serialized) struct KcatTests {
    static let kcat = ["/usr/bin/kcat", "/usr/local/bin/kcat"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs kcat with `arguments`, feeding it `input`; returns what it printed, or throws with what it said on stderr.
    static func run(_ arguments: [String], input: String = "") throws -> String {
        let kcat = try #require(Self.kcat, "kcat is not installed: apt-get install kcat (scripts/test installs it)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kcat)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw KcatFailure(status: process.terminationStatus, stderr: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    struct KcatFailure: Error, CustomStringConvertible {
        let status: Int32
        let stderr: String
        var description: String { "kcat exited \(status): \(stderr)" }
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["none", "gzip", "snappy", "lz4", "zstd"])
    func kcatProducesIdempotentlyAndThenConsumesEveryRecordInPerKeyOrder(codec: String) throws {
        let broker = Broker(clock: MonotonicClock())
        let closed = LogLines()
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0), log: closed.append)
        defer { listener.stop() }
        let address = "127.0.0.1:\(listener.port)"
        let topic = "greetings-\(codec)"
        let sent = (0..<300).map { "key-\($0 % 7):value \($0) of \(codec)" }
        // The listener logs only the connections it closed on its own, for a reason.
        defer { #expect(closed.lines.isEmpty, "\(closed.lines)") }
        _ = try Self.run(["-b", address, "-P", "-t", topic, "-K:", "-z", codec, "-X", "linger.ms=5",
                          "-X", "enable.idempotence=true"],
                         input: sent.joined(separator: "\n") + "\n")
        #expect(try broker.topic(topic).partitionCount == 3)

        let printed = try Self.run(["-b", address, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%k:%s\n"])
        let received = printed.split(separator: "\n").map(String.init)
        #expect(received.count == sent.count)
        #expect(Set(received) == Set(sent))
        // Each key lands in one partition, so its records come back in the order they were sent.
        for key in (0..<7).map({ "key-\($0):" }) {
            #expect(received.filter { $0.hasPrefix(key) } == sent.filter { $0.hasPrefix(key) }, "\(key)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func kcatListsTheTopicsAndTheOneBrokerInMetadata() throws {
        let broker = Broker(clock: MonotonicClock())
        try broker.createTopic("orders", partitions: 4)
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
        defer { listener.stop() }
        let listing = try Self.run(["-b", "127.0.0.1:\(listener.port)", "-L"])
        #expect(listing.contains("1 brokers:"))
        #expect(listing.contains("broker 0 at 127.0.0.1:\(listener.port)"))
        #expect(listing.contains("topic \"orders\" with 4 partitions"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aKcatGroupConsumerReadsEverythingCommitsAndASecondRunResumesAfterIt() throws {
        let broker = Broker(clock: MonotonicClock())
        let closed = LogLines()
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0), log: closed.append)
        defer { listener.stop() }
        defer { #expect(closed.lines.isEmpty, "\(closed.lines)") }
        let address = "127.0.0.1:\(listener.port)"
        let sent = (0..<120).map { "key-\($0 % 5):value \($0)" }
        _ = try Self.run(["-b", address, "-P", "-t", "orders", "-K:"], input: sent.joined(separator: "\n") + "\n")

        // Not -o beginning: in a group kcat would seek every assigned partition there, over the committed offsets.
        let group = ["-b", address, "-G", "billing", "-X", "auto.offset.reset=earliest", "-e", "-q", "-f", "%k:%s\n",
                     "-X", "session.timeout.ms=6000", "-X", "auto.commit.interval.ms=100", "orders"]
        let first = try Self.run(group).split(separator: "\n").map(String.init)
        #expect(first.count == sent.count && Set(first) == Set(sent))

        let billing = try #require(listener.clientGroups.existing("billing"))
        let committed = billing.committedOffsets()
        #expect(committed.map(\.key.partition).sorted() == [0, 1, 2])
        let topic = try broker.topic("orders")
        for offset in committed {
            #expect(offset.offset == (try topic.logEndOffset(partition: Int(offset.key.partition))), "partition \(offset.key.partition)")
        }
        #expect(billing.describe().members.isEmpty, "kcat left the group when it exited")

        let more = (120..<130).map { "key-\($0 % 5):value \($0)" }
        _ = try Self.run(["-b", address, "-P", "-t", "orders", "-K:"], input: more.joined(separator: "\n") + "\n")
        let second = try Self.run(group).split(separator: "\n").map(String.init)
        #expect(Set(second) == Set(more), "the second run starts at the committed offsets")
    }
}

/// Lines the listener logs, collected from its event loop thread.
final class LogLines: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}
