#if !NATS
import Testing

/// Without the `NATS` trait the tests against a live nats-server are not compiled: say so in the
/// test output, with how to run them, instead of passing in silence.
@Suite struct LiveServerTestsSkipped {
    @Test(.disabled("built without the NATS trait: `swift test --traits NATS` (needs libnats-dev and nats-server) runs them"))
    func natsTestsAgainstALiveServer() {}
}
#endif
