#if !Kafka
import Testing

/// Without the `Kafka` trait the tests against a live cluster are not compiled: say so in the test
/// output, with how to run them, instead of passing in silence.
@Suite struct LiveClusterTestsSkipped {
    @Test(.disabled("built without the Kafka trait: `swift test --traits Kafka` (needs librdkafka-dev) runs them"))
    func kafkaTestsAgainstALiveCluster() {}
}
#endif
