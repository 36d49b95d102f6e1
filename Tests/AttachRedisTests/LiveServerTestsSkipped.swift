#if !Redis
import Testing

/// Without the `Redis` trait the tests against a live redis-server are not compiled: say so in the
/// test output, with how to run them, instead of passing in silence.
@Suite struct RedisLiveServerTestsSkipped {
    @Test(.disabled("built without the Redis trait: scripts/test runs them (swift test --traits Redis, libhiredis-dev, and a redis-server named by SLUICE_TEST_REDIS_URL)"))
    func redisTestsAgainstALiveServer() {}
}
#endif
