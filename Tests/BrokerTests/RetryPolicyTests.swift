@testable import Broker
import SluiceModel
import Testing

@Suite struct RetryPolicyTests {
    @Test func aZeroInitialDelayStaysZeroAfterThePowerOverflows() {
        var random = SeededGenerator(seed: 1)
        let policy = RetryPolicy.exponential(initial: 0, multiplier: 1000, max: 10 * NanosPerUnit.second, jitter: .none)
        #expect(policy.delay(afterFailedDelivery: 200, random: &random) == 0)
    }

    @Test func aGrowingDelayStopsAtTheCap() {
        var random = SeededGenerator(seed: 1)
        let policy = RetryPolicy.exponential(initial: 1, multiplier: 1000, max: 10 * NanosPerUnit.second, jitter: .none)
        #expect(policy.delay(afterFailedDelivery: 200, random: &random) == 10 * NanosPerUnit.second)
        #expect(policy.delay(afterFailedDelivery: 2, random: &random) == 1000)
    }
}
