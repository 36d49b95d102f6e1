import Glibc
@testable import Terminal
import Testing

/// The dashboard's stop signals: a SIGPIPE the kernel raises for the process's own write to a closed
/// socket is that write's error, not a stop (a Kafka client that disconnects while the listener
/// answers it must not end the dashboard with 141); and what each signal did before comes back after.
@Suite(.serialized) struct StopSignalsTests {
    @Test func aWriteToAClosedSocketDoesNotStopTheDashboardAndSIGPIPEStaysIgnoredAfter() throws {
        // SwiftNIO ignores SIGPIPE process-wide when it opens its first socket, before the dashboard starts.
        let before = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, before) }
        StopSignals.install()
        var ends: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        close(ends[1])
        let byte: [UInt8] = [1]
        let written = write(ends[0], byte, 1)
        let writeError = errno
        close(ends[0])
        let pendingAfterWrite = StopSignals.pending()
        StopSignals.restore()
        #expect(written == -1 && writeError == EPIPE)
        #expect(pendingAfterWrite == 0, "the kernel's SIGPIPE for our own write was taken as a stop signal")
        var now = sigaction()
        sigaction(SIGPIPE, nil, &now)
        #expect(unsafeBitCast(now.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self),
                "SIGPIPE is no longer ignored after the dashboard")
    }
}
