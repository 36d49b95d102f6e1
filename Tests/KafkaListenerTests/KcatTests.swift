import Broker
import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
        Self.killIfStillRunning(process.processIdentifier, after: 30) { process.isRunning }
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

    @Test(.timeLimit(.minutes(1)))
    func kcatAuthenticatesWithSaslPlainAndAWrongPasswordGetsNothing() throws {
        let broker = Broker(clock: MonotonicClock())
        try broker.createTopic("secrets", partitions: 1)
        let configuration = KafkaListenerConfiguration(port: 0, credentials: KafkaCredentials(user: "alice", password: "s3cret"))
        let listener = try KafkaListener(broker: broker, configuration: configuration)
        defer { listener.stop() }
        let sasl = ["-b", "127.0.0.1:\(listener.port)", "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=PLAIN",
                    "-X", "sasl.username=alice"]
        _ = try Self.run(sasl + ["-X", "sasl.password=s3cret", "-P", "-t", "secrets"], input: "one\ntwo\n")
        #expect(try broker.topic("secrets").logEndOffset(partition: 0) == 2)
        #expect(throws: KcatFailure.self) {
            try Self.run(sasl + ["-X", "sasl.password=wrong", "-X", "message.timeout.ms=3000", "-P", "-t", "secrets"], input: "three\n")
        }
        #expect(try broker.topic("secrets").logEndOffset(partition: 0) == 2)
    }

    /// Starts kcat without waiting for it; `stop()` interrupts it (it leaves its group and commits) and returns its output.
    ///
    /// Spawned by hand rather than with Foundation's Process: the test runner blocks SIGINT and SIGTERM, a
    /// child would inherit that mask, and an interrupt would never reach kcat.
    final class RunningKcat: Sendable {
        let pid: pid_t
        let output: FileHandle
        private let reaped = Mutex(false)

        init(_ arguments: [String]) throws {
            let kcat = try #require(KcatTests.kcat, "kcat is not installed: apt-get install kcat (scripts/test installs it)")
            var pipe: [Int32] = [0, 0]
            guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(.EMFILE) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipe[0])
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var nothingBlocked = sigset_t()
            sigemptyset(&nothingBlocked)
            posix_spawnattr_setsigmask(&attributes, &nothingBlocked)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
            let argv = ([kcat] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var child: pid_t = 0
            let status = posix_spawn(&child, kcat, &actions, &attributes, argv, environ)
            Glibc.close(pipe[1])
            guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOEXEC) }
            pid = child
            output = FileHandle(fileDescriptor: pipe[0], closeOnDealloc: true)
        }

        func stop() -> [String] {
            kill(pid, SIGINT)
            KcatTests.killIfStillRunning(pid, after: 15) { !self.reaped.withLock { $0 } }
            let bytes = output.readDataToEndOfFile()
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            reaped.withLock { $0 = true }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    /// A hung kcat must fail its test, not hold CI until its own time runs out; SIGKILL cannot be blocked.
    /// `stillOurs` must say whether the child is unreaped, so that a recycled pid is never hit.
    static func killIfStillRunning(_ pid: pid_t, after seconds: Double, stillOurs: @escaping @Sendable () -> Bool) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { if stillOurs() { kill(pid, SIGKILL) } }
    }

    /// Polls `condition` every 50 ms for up to `seconds`.
    static func eventually(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }

    @Test(.timeLimit(.minutes(1)))
    func twoKcatGroupMembersSplitThePartitionsAndTogetherReadEveryRecordOnce() throws {
        let broker = Broker(clock: MonotonicClock())
        try broker.createTopic("payments", partitions: 4)
        let closed = LogLines()
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0), log: closed.append)
        defer { listener.stop() }
        defer { #expect(closed.lines.isEmpty, "\(closed.lines)") }
        let address = "127.0.0.1:\(listener.port)"
        let member = ["-b", address, "-G", "ledger", "-X", "auto.offset.reset=earliest", "-X", "session.timeout.ms=6000",
                      "-X", "auto.commit.interval.ms=100", "-q", "-f", "%k:%s\n", "payments"]
        let first = try RunningKcat(member)
        let second = try RunningKcat(member)
        let joined = Self.eventually(seconds: 20) {
            let group = listener.clientGroups.existing("ledger")?.describe()
            return group?.phase == .stable && group?.members.count == 2
        }
        #expect(joined, "both members joined: \(String(describing: listener.clientGroups.existing("ledger")?.describe()))")

        let sent = (0..<400).map { "key-\($0 % 9):payment \($0)" }
        _ = try Self.run(["-b", address, "-P", "-t", "payments", "-K:"], input: sent.joined(separator: "\n") + "\n")
        let topic = try broker.topic("payments")
        let caughtUp = try Self.eventually(seconds: 20) {
            let committed = listener.clientGroups.existing("ledger")?.committedOffsets() ?? []
            return try (0..<4).allSatisfy { partition in
                committed.first { $0.key.partition == Int32(partition) }?.offset == (try topic.logEndOffset(partition: partition))
            }
        }
        #expect(caughtUp, "the group committed every partition's log end")
        let (a, b) = (first.stop(), second.stop())
        #expect(!a.isEmpty && !b.isEmpty, "each member had partitions: \(a.count) and \(b.count)")
        #expect((a + b).sorted() == sent.sorted(), "every record once, none twice")
        for key in (0..<9).map({ "key-\($0):" }) {
            let owner = a.contains { $0.hasPrefix(key) } ? a : b
            #expect(owner.filter { $0.hasPrefix(key) } == sent.filter { $0.hasPrefix(key) }, "\(key) in order, in one member")
        }
    }
}

/// Lines the listener logs, collected from its event loop thread.
final class LogLines: Sendable {
    private let storage = Mutex<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func append(_ line: String) { storage.withLock { $0.append(line) } }
}
