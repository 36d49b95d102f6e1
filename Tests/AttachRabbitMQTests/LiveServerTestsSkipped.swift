#if !RabbitMQ
import Testing

/// Without the `RabbitMQ` trait the tests against a live rabbitmq-server are not compiled: say so in the
/// test output, with how to run them, instead of passing in silence.
@Suite struct RabbitMQLiveServerTestsSkipped {
    @Test(.disabled("built without the RabbitMQ trait: scripts/test runs them (swift test --traits RabbitMQ, librabbitmq-dev, and a rabbitmq-server named by SLUICE_TEST_RABBITMQ_URL and SLUICE_TEST_RABBITMQ_MANAGEMENT)"))
    func rabbitMQTestsAgainstALiveServer() {}
}
#endif
